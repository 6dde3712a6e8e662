namespace OmniBot.Tests.Web.Browser;

/// <summary>Browser tests share one server and one Chromium; they run one after another within this collection.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
