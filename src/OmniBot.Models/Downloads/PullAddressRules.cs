using System.Net;
using System.Net.Sockets;

namespace OmniBot.Models.Downloads;

/// <summary>
/// Which addresses a pull requested over HTTP may connect to: public unicast only. Loopback, unspecified,
/// private, shared (CGNAT), link-local, multicast, broadcast and reserved ranges are refused, also when written
/// as IPv6 that embeds an IPv4 address (<c>::ffff:127.0.0.1</c>, <c>::127.0.0.1</c>, NAT64, 6to4).
/// </summary>
public static class PullAddressRules
{
    /// <summary>What kind of non-public address <paramref name="address"/> is ("loopback", "private"…); null when it is public.</summary>
    public static string? RestrictedKind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return RestrictedKindV4(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RestrictedKindV4(address),
            AddressFamily.InterNetworkV6 => RestrictedKindV6(address),
            _ => "non-IP",
        };
    }

    public static bool IsPublic(IPAddress address) => RestrictedKind(address) is null;

    private static string? RestrictedKindV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return b[0] switch
        {
            0 => "unspecified",
            127 => "loopback",
            10 => "private",
            172 when (b[1] & 0xF0) == 16 => "private",
            192 when b[1] == 168 => "private",
            100 when (b[1] & 0xC0) == 64 => "shared (CGNAT)",
            169 when b[1] == 254 => "link-local",
            192 when b[1] == 0 && b[2] == 0 => "reserved",
            198 when (b[1] & 0xFE) == 18 => "reserved",
            >= 224 and < 240 => "multicast",
            >= 240 => b is [255, 255, 255, 255] ? "broadcast" : "reserved",
            _ => null,
        };
    }

    private static string? RestrictedKindV6(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);

        // ::/96 holds the unspecified and loopback addresses and the deprecated IPv4-compatible forms.
        if (!b[..12].ContainsAnyExcept((byte)0))
        {
            return !b[12..15].ContainsAnyExcept((byte)0) && b[15] is 0 or 1
                ? (b[15] == 0 ? "unspecified" : "loopback")
                : RestrictedKindV4(new IPAddress(b[12..])) ?? "IPv4-compatible";
        }

        // NAT64 (64:ff9b::/96) reaches the IPv4 address it embeds; 64:ff9b:1::/48 is for local use.
        if (b[..4].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xFF, 0x9B]))
        {
            return !b[4..12].ContainsAnyExcept((byte)0) ? RestrictedKindV4(new IPAddress(b[12..]))
                : b[4] == 0 && b[5] == 1 ? "private" : null;
        }

        // 6to4 (2002::/16) relays to the IPv4 address in its next 32 bits.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return RestrictedKindV4(new IPAddress(b[2..6]));
        }

        return b[0] switch
        {
            0xFC or 0xFD => "private",
            0xFE when (b[1] & 0xC0) == 0x80 => "link-local",
            0xFE when (b[1] & 0xC0) == 0xC0 => "site-local",
            0xFF => "multicast",
            0x01 when b[1] == 0 && !b[2..8].ContainsAnyExcept((byte)0) => "discard",
            _ => null,
        };
    }
}
