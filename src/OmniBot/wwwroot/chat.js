// Chat page behaviour that needs the browser: copy buttons on code blocks, Enter without a new line in the
// composer, Esc to stop from anywhere, and keeping a streaming reply in view while the reader is at the bottom.
(function () {
  let stickToBottom = true;
  const nearBottom = () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 120;

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest && event.target.closest("[data-copy-code]");
    if (!button) return;
    const code = button.parentElement.querySelector("pre");
    await copy(code ? code.innerText : "");
    button.textContent = "Copied";
    button.dataset.copied = "true";
    setTimeout(() => { button.textContent = "Copy"; delete button.dataset.copied; }, 1500);
  });

  document.addEventListener("keydown", (event) => {
    const inComposer = event.target.closest && event.target.closest("[data-composer]");
    if (inComposer && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      stickToBottom = true;
    } else if (!inComposer && event.key === "Escape") {
      const stop = document.querySelector("[data-stop-button]");
      if (stop) stop.click();
    }
  });

  document.addEventListener("submit", (event) => {
    if (event.target.classList && event.target.classList.contains("composer")) stickToBottom = true;
  }, true);

  window.addEventListener("scroll", () => { stickToBottom = nearBottom(); }, { passive: true });

  new MutationObserver(() => {
    if (stickToBottom && document.querySelector(".messages[aria-busy='true']")) {
      window.scrollTo(0, document.documentElement.scrollHeight);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
})();
