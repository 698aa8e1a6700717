using System.Globalization;

namespace EntraMesh.DispatchBench;

/// <summary>Command line: <c>--changes 20000 --limited-runs 3 --unlimited-runs 5 --no-record</c>.</summary>
public sealed record BenchOptions(int Changes, int LimitedRuns, int UnlimitedRuns, bool Record)
{
    public const double GoalShareOfAllowedRate = 0.95;
    public const double GoalOperationsPerSecond = 2000;
    public const int CallsPerWindow = 40;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(20_000, 3, 5, Record: true);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--changes" => options with { Changes = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--limited-runs" => options with { LimitedRuns = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--unlimited-runs" => options with { UnlimitedRuns = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--no-record" => options with { Record = false },
                _ => throw new ArgumentException($"unknown argument '{args[i]}' (known: --changes N, --limited-runs N, --unlimited-runs N, --no-record)"),
            };
        }

        return options;
    }
}
