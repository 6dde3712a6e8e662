using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace OmniBot.Server.Security;

/// <summary>
/// The browser sign-ins of this server process: <c>/login</c> hands out a random token instead of the API key, and only
/// the token's SHA-256 is kept here, so the cookie never carries the key and a stolen cookie can be revoked. Sessions
/// live in memory: a restart (which is also how the key changes) signs every browser out.
/// </summary>
public sealed class LoginSessions(TimeProvider timeProvider)
{
    /// <summary>How long a sign-in lasts, counted from <c>/login</c> (not extended by use).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>Enough for every browser of a household; past it the sign-in closest to expiring is dropped.</summary>
    public const int MaxSessions = 1000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    /// <summary>Starts a session and returns its token (256 random bits, base64url) for the cookie.</summary>
    public string Create()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = timeProvider.GetUtcNow();
        RemoveExpired(now);
        while (_expiries.Count >= MaxSessions && !_expiries.IsEmpty)
        {
            _expiries.TryRemove(_expiries.MinBy(session => session.Value).Key, out _);
        }

        _expiries[Hash(token)] = now + Lifetime;
        return token;
    }

    /// <summary>Whether <paramref name="token"/> is a session of this process that has not expired or been revoked.</summary>
    public bool IsValid(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_expiries.TryGetValue(Hash(token), out var expiry))
        {
            return false;
        }

        if (expiry > timeProvider.GetUtcNow())
        {
            return true;
        }

        _expiries.TryRemove(Hash(token), out _);
        return false;
    }

    /// <summary>Ends the session of <paramref name="token"/> (sign-out); unknown tokens are ignored.</summary>
    public void Revoke(string? token)
    {
        if (!string.IsNullOrEmpty(token))
        {
            _expiries.TryRemove(Hash(token), out _);
        }
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (hash, expiry) in _expiries)
        {
            if (expiry <= now)
            {
                _expiries.TryRemove(hash, out _);
            }
        }
    }

    // Only the hash is stored, so the table itself (a heap dump, a debugger) does not hand out live cookies.
    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
