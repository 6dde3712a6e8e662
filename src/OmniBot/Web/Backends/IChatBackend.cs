using OmniBot.Web.Persistence;

namespace OmniBot.Web.Backends;

/// <summary>Something that serves chat models through <see cref="Microsoft.Extensions.AI.IChatClient"/>.</summary>
public interface IChatBackend
{
    BackendRecord Definition { get; }

    /// <summary>The models it offers now.</summary>
    /// <exception cref="BackendUnavailableException">It cannot be reached or answered nonsense; the message says which and what to check.</exception>
    Task<IReadOnlyList<BackendModel>> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>A client for <paramref name="model"/>; <paramref name="contextSize"/> sizes an in-process model's context.</summary>
    Task<ChatClientLease> OpenAsync(string model, int? contextSize, CancellationToken cancellationToken = default);
}
