using EntraMesh.Benchmarking;

namespace EntraMesh.PlanningBench;

/// <summary>The <c>## Planning</c> section of docs/benchmarks.md.</summary>
internal static class PlanningSection
{
    const string Heading = "## Planning";

    static readonly string[] Section =
    [
        "`dotnet run -c Release --project bench/EntraMesh.PlanningBench` (needs `eng/infra.sh up`) runs the built mapping service as a",
        "child process on its own database and virtual host with the CSV2SCIM sample rule set, publishes `WorkerRecordAccepted` to",
        "RabbitMQ as ingest's outbox would, and times until every record's `IdentityChangePlanned` or `IdentityChangeSkipped` was",
        "published by mapping's outbox and received from a queue: consume, classify, store, outbox, end to end. \"First",
        "appearances\" are new workers (joiners, and inactive workers skipped); \"changes\" are second revisions of the same workers,",
        "a quarter each updates, movers, unchanged records (skipped) and status flips (leavers and joiners). 20,000 records per",
        "scenario and run, after a warm-up of 10,000 of each; the median run with the slowest and fastest. CPU is the mapping process's CPU time per",
        "1,000 records. Goal: at least 2,000 records/s.",
        "",
        "| date | machine | commit | first appearances: records/s (min–max) | changes: records/s (min–max) | mapping CPU ms per 1,000 records | mapping peak RSS, MB | runs | goal 2,000/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ];

    public static void Append(string row) => BenchmarksFile.Append(Heading, Section, row);
}
