using Bunit;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;
using OmniBot.Server.Pulls;
using OmniBot.Web.Components.Library;

namespace OmniBot.Tests.Web.Library;

public sealed class PullJobRowTests : BunitContext
{
    private const long MiB = 1024 * 1024;

    public PullJobRowTests() => SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    private static PullSnapshot Job(PullState state, DownloadProgress? progress = null, string? error = null) =>
        new("job1", "https://127.0.0.1/models/x.gguf", "pulled:v1", state, progress, error, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Render_RunningWithKnownSize_ShowsBytesSpeedTimeLeftAndPercent()
    {
        var progress = new DownloadProgress("x.gguf", 3 * MiB / 2, 4 * MiB, 512 * 1024, TimeSpan.FromSeconds(75));

        var row = Render<PullJobRow>(parameters => parameters.Add(p => p.Job, Job(PullState.Running, progress)));

        Assert.Equal("1.5 MiB of 4.0 MiB", row.Find(".pull-bytes").TextContent);
        Assert.Equal("512.0 KiB/s", row.Find(".pull-speed").TextContent);
        Assert.Equal("1 min 15 s left", row.Find(".pull-eta").TextContent);
        var bar = row.Find("[role=progressbar]");
        Assert.Equal("37", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("Downloading pulled:v1", bar.GetAttribute("aria-label"));
        Assert.Equal("1.5 MiB of 4.0 MiB", bar.GetAttribute("aria-valuetext"));
    }

    [Fact]
    public void Render_RunningWithUnknownSize_ShowsAnIndeterminateBar()
    {
        var progress = new DownloadProgress("x.gguf", 2 * MiB, null, 0, null);

        var row = Render<PullJobRow>(parameters => parameters.Add(p => p.Job, Job(PullState.Running, progress)));

        Assert.Null(row.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Equal("2.0 MiB", row.Find(".pull-bytes").TextContent);
        Assert.Equal("waiting for data", row.Find(".pull-speed").TextContent);
        Assert.Equal("time left unknown", row.Find(".pull-eta").TextContent);
    }

    [Fact]
    public void CancelButton_OnARunningPull_RaisesOnCancelWithTheJob()
    {
        PullSnapshot? cancelled = null;
        var job = Job(PullState.Running);
        var row = Render<PullJobRow>(parameters => parameters.Add(p => p.Job, job).Add(p => p.OnCancel, snapshot => cancelled = snapshot));

        row.Find("button[aria-label='Cancel pulling pulled:v1']").Click();

        Assert.Same(job, cancelled);
    }

    [Fact]
    public void Render_Failed_ShowsTheErrorAndResumeRaisesOnResume()
    {
        PullSnapshot? resumed = null;
        var job = Job(PullState.Failed, new DownloadProgress("x.gguf", MiB, 4 * MiB, 0, null), "The server answered 503.");
        var row = Render<PullJobRow>(parameters => parameters.Add(p => p.Job, job).Add(p => p.OnResume, snapshot => resumed = snapshot));

        Assert.Equal("The server answered 503.", row.Find("p.error").TextContent);
        Assert.Contains("1.0 MiB of 4.0 MiB downloaded so far", row.Markup, StringComparison.Ordinal);
        Assert.Empty(row.FindAll("[role=progressbar]"));
        row.Find("button[aria-label='Resume pulling pulled:v1']").Click();
        Assert.Same(job, resumed);
    }

    [Fact]
    public void Render_Succeeded_NamesTheInstalledModel()
    {
        var manifest = new ModelManifest
        {
            Name = "pulled",
            Tag = "v1",
            Digest = "sha256:" + new string('a', 64),
            Size = 10,
            Parts = [],
            Source = "https://127.0.0.1/models/x.gguf",
            Facts = new ModelFacts { Architecture = "llama" },
            AddedAt = DateTimeOffset.UnixEpoch,
        };

        var row = Render<PullJobRow>(parameters => parameters.Add(p => p.Job, Job(PullState.Succeeded) with { Manifest = manifest }));

        Assert.Equal("Installed as pulled:v1.", row.Find(".pull-result").TextContent);
        Assert.Empty(row.FindAll("button"));
    }
}
