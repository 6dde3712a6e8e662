using System.Net;
using OmniBot.Models.Downloads;

namespace OmniBot.Models.Tests.Downloads;

public sealed class PullAddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("10.0.0.5", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.254", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "shared (CGNAT)")]
    [InlineData("100.127.255.254", "shared (CGNAT)")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fc00::1", "private")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.5", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::127.0.0.1", "loopback")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("64:ff9b::a00:5", "private")]
    [InlineData("2002:7f00:1::1", "loopback")]
    [InlineData("2002:c0a8:101::1", "private")]
    public void RestrictedKind_ANonPublicAddress_SaysWhatItIs(string text, string kind)
    {
        var address = IPAddress.Parse(text);

        Assert.Equal(kind, PullAddressRules.RestrictedKind(address));
        Assert.False(PullAddressRules.IsPublic(address));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void RestrictedKind_APublicAddress_IsNull(string text)
    {
        var address = IPAddress.Parse(text);

        Assert.Null(PullAddressRules.RestrictedKind(address));
        Assert.True(PullAddressRules.IsPublic(address));
    }
}
