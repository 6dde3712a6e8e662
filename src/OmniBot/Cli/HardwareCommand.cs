using System.CommandLine;
using System.Text.Json;
using OmniBot.Engine.Hardware;
using OmniBot.Engine.Runtime;
using OmniBot.Server.Management;
using Spectre.Console;

namespace OmniBot.Cli;

/// <summary><c>omnibot hw</c>: the machine, the llama.cpp build chosen for it, and why each other build was not.</summary>
internal static class HardwareCommand
{
    public static Command Create(CliGlobalOptions globals)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("hw", "Show the hardware and which llama.cpp backend runs on it, and why.") { json };
        command.SetAction(parseResult => Run(parseResult, globals, parseResult.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parseResult, CliGlobalOptions globals, bool asJson)
    {
        var output = parseResult.InvocationConfiguration.Output;
        using var loggerFactory = globals.CreateLoggerFactory(parseResult);
        RuntimeReport? report = null;
        string? runtimeError = null;
        try
        {
            report = LlamaRuntime.Initialize(globals.CreateRuntimeOptions(parseResult), loggerFactory);
        }
        catch (NativeRuntimeException ex)
        {
            runtimeError = ex.Message;
        }

        var hardware = HardwareDetector.Detect();
        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(HardwareReport.Create(report, runtimeError, hardware), CliJson.Options));
        }
        else
        {
            Render(CliConsole.Create(output), report, hardware);
        }

        if (runtimeError is not null)
        {
            throw new CliErrorException(runtimeError);
        }

        return 0;
    }

    private static void Render(IAnsiConsole console, RuntimeReport? report, HardwareInfo hardware)
    {
        var cpu = hardware.Cpu;
        var summary = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string label, string value) => summary.AddRow(new Markup($"[bold]{label}[/]"), new Text(value));

        if (report is not null)
        {
            Row("Backend", $"{BackendName(report.Backend)} ({report.Variant})");
            Row("Why", report.Reason);
            Row("Library", report.LibraryPath ?? "unknown");
            Row("GPU offload", report.GpuOffloadSupported ? "supported" : "not supported by this build");
        }
        else
        {
            Row("Backend", "none could be loaded");
        }

        Row("OS", hardware.OperatingSystem);
        var cores = cpu.PhysicalCores is { } physical ? $"{cpu.LogicalCores} logical / {physical} physical cores" : $"{cpu.LogicalCores} logical cores";
        Row("CPU", $"{cpu.Model} ({cpu.Architecture}, {cores})");
        Row("SIMD", cpu.SimdFeatures.Count == 0 ? "none" : string.Join(' ', cpu.SimdFeatures));
        Row("CPU build level", cpu.SimdLevel.ToString().ToUpperInvariant());
        Row("RAM", $"{ByteSize.Format(hardware.Memory.TotalBytes)} total, {ByteSize.Format(hardware.Memory.AvailableBytes)} available");
        Row("GPUs", hardware.Gpus.Count == 0 ? "none found" : string.Join("; ", hardware.Gpus.Select(DescribeGpu)));
        console.Write(summary);
        console.WriteLine();

        if (report is not null)
        {
            var backends = new Table().Title("llama.cpp builds").AddColumns("Backend", "Build", "Decision", "Reason");
            foreach (var decision in report.Decisions)
            {
                backends.AddRow(
                    new Text(BackendName(decision.Backend)),
                    new Text(decision.Variant),
                    new Markup(decision.Used ? "[green]used[/]" : Markup.Escape(BackendStatusText(decision.Status))),
                    new Text(decision.Reason));
            }

            console.Write(backends);
        }

        if (hardware.BackendDevices.Count > 0)
        {
            var devices = new Table().Title("llama.cpp devices").AddColumns("Device", "Type", "Description", "Free", "Total");
            foreach (var device in hardware.BackendDevices)
            {
                devices.AddRow(
                    new Text(device.Name),
                    new Text(device.Type.ToString()),
                    new Text(device.Description),
                    new Text(ByteSize.Format(device.FreeMemoryBytes)),
                    new Text(ByteSize.Format(device.TotalMemoryBytes)));
            }

            console.Write(devices);
        }
    }

    private static string DescribeGpu(GpuInfo gpu) =>
        gpu.TotalMemoryBytes is { } total
            ? $"{gpu.Name} ({ByteSize.Format(gpu.FreeMemoryBytes)} free of {ByteSize.Format(total)})"
            : gpu.Name;

    private static string BackendName(NativeBackend backend) => backend switch
    {
        NativeBackend.Cuda => "CUDA",
        NativeBackend.Vulkan => "Vulkan",
        NativeBackend.Metal => "Metal",
        NativeBackend.Cpu => "CPU",
        _ => "Custom",
    };

    private static string BackendStatusText(BackendStatus status) => status switch
    {
        BackendStatus.NotThisPlatform => "not for this platform",
        BackendStatus.PackageMissing => "package missing",
        BackendStatus.NoDriver => "no driver",
        BackendStatus.NoDevice => "no device",
        BackendStatus.UnsupportedCpu => "CPU unsupported",
        BackendStatus.LoadFailed => "failed to load",
        BackendStatus.NotNeeded => "not needed",
        BackendStatus.Disabled => "disabled",
        BackendStatus.Overridden => "overridden",
        _ => status.ToString(),
    };
}
