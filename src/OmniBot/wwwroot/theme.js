// Applies the saved theme before the first paint (no flash), and lets the layout's button switch it (a listener here,
// not an inline onclick, which the Content-Security-Policy forbids).
(function () {
  const key = "omnibot-theme";
  const saved = localStorage.getItem(key);
  const prefersDark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.dataset.theme = saved || (prefersDark ? "dark" : "light");
  window.omnibotTheme = {
    toggle() {
      const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
      document.documentElement.dataset.theme = next;
      localStorage.setItem(key, next);
    },
  };
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-theme-toggle]")) window.omnibotTheme.toggle();
  });
})();
