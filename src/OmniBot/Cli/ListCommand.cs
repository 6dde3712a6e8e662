using System.CommandLine;
using System.Text.Json;

namespace OmniBot.Cli;

/// <summary><c>omnibot list</c>: the models in the store, one line each.</summary>
internal static class ListCommand
{
    public static Command Create(StoreCliOptions options)
    {
        var json = new Option<bool>("--json") { Description = "Print the manifests as a JSON array." };
        var command = new Command("list", "List the models in the store.") { json };
        command.Aliases.Add("ls");
        command.SetAction(parseResult =>
        {
            var store = options.OpenStore(parseResult);
            var manifests = store.List();
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(manifests, CliJson.Options));
                return 0;
            }

            var now = DateTimeOffset.UtcNow;
            string[] header = ["NAME", "ID", "SIZE", "QUANT", "PARAMS", "MODIFIED"];
            var rows = manifests.Select(m => new[]
            {
                m.Ref.ToString(),
                m.ShortId,
                StoreFormat.Size(m.Size),
                m.Facts.FileType ?? "-",
                StoreFormat.Parameters(m.Facts.ParameterCount),
                StoreFormat.Age(m.AddedAt, now),
            }).Prepend(header).ToArray();
            var widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
            foreach (var row in rows)
            {
                output.WriteLine(string.Join("    ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
            }

            return 0;
        });
        return command;
    }
}
