using System.Globalization;
using EntraMesh.Benchmarking;

namespace EntraMesh.EmulatorBench;

/// <summary>Command line: --runs 5 --duration 10 --concurrency 16 --warmup 3 --workers 20000 --no-record --file docs/benchmarks.md</summary>
public sealed record BenchOptions(int Runs, TimeSpan Duration, TimeSpan Warmup, int Concurrency, int Workers, int Bodies, bool Record, string BenchmarksFile)
{
    /// <summary>bulkUpload calls (of 50 operations) per second the emulator must take.</summary>
    public const double GoalCallsPerSecond = 300;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(5, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), 16, 20_000, 400, true, Repository.BenchmarksFile);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--runs" => options with { Runs = Number() },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number()) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Number()) },
                "--concurrency" => options with { Concurrency = Number() },
                "--workers" => options with { Workers = Number() },
                "--no-record" => options with { Record = false },
                "--file" => options with { BenchmarksFile = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}; see BenchOptions."),
            };
        }

        return options;
    }
}
