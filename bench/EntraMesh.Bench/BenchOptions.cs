using System.Globalization;

namespace EntraMesh.Bench;

/// <summary>
/// Command line: <c>[--scenario all|throughput,latency,economy,leaver,csv] [--runs N] [--quick] [--no-record]
/// [--max-load L] [--keep-logs]</c>.
/// </summary>
public sealed record BenchOptions
{
    public static readonly string[] AllScenarios = ["throughput", "latency", "economy", "leaver", "csv"];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;
    public int Runs { get; init; } = 3;
    public bool Quick { get; init; }
    public bool Record { get; init; } = true;

    /// <summary>Before each run, wait (up to an hour) until the 1-minute load average is at most this; null: do not wait.</summary>
    public double? MaxLoad { get; init; }

    public bool KeepLogs { get; init; }

    public const string Usage =
        "usage: dotnet run -c Release --project bench/EntraMesh.Bench -- [--scenario all|throughput,latency,economy,leaver,csv] " +
        "[--runs N] [--quick] [--no-record] [--max-load L] [--keep-logs]";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--scenario" => options with { Scenarios = ParseScenarios(Value(args, ++i, "--scenario")) },
                "--runs" => options with { Runs = ParsePositive(Value(args, ++i, "--runs"), "--runs") },
                "--quick" => options with { Quick = true },
                "--no-record" => options with { Record = false },
                "--max-load" => options with { MaxLoad = double.Parse(Value(args, ++i, "--max-load"), CultureInfo.InvariantCulture) },
                "--keep-logs" => options with { KeepLogs = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'. {Usage}"),
            };
        }

        return options;
    }

    static string Value(IReadOnlyList<string> args, int index, string name) =>
        index < args.Count ? args[index] : throw new ArgumentException($"{name} needs a value. {Usage}");

    static int ParsePositive(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive whole number, not '{text}'.");

    static string[] ParseScenarios(string text)
    {
        if (text == "all") return AllScenarios;
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
        {
            if (!AllScenarios.Contains(name)) throw new ArgumentException($"unknown scenario '{name}' (known: all, {string.Join(", ", AllScenarios)}).");
        }

        return names;
    }
}
