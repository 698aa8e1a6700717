using EntraMesh.Benchmarking;

namespace EntraMesh.IngestBench;

/// <summary>The <c>## Ingest</c> section of docs/benchmarks.md.</summary>
internal static class IngestSection
{
    static readonly string[] Section =
    [
        "Produced by `dotnet run -c Release --project bench/EntraMesh.IngestBench` (needs `eng/infra.sh up`). Webhooks: signed " +
        "batches of 100 records posted to the gateway by 8 concurrent clients, timed until every record was published by the " +
        "outbox and routed to a queue. CSV: a generated CSV2SCIM-shaped file uploaded through the gateway, timed until the " +
        "import reports done; peak memory is the ingest process's VmHWM.",
        "",
        "| date | machine | commit | webhooks through the gateway into RabbitMQ, records/s (median, min–max) | 100,000-row CSV fully accepted, s (median, min–max) | ingest peak RSS during the CSV, MB (max) | runs |",
        "|---|---|---|---|---|---|---|",
    ];

    public static void Append(string row) => BenchmarksFile.Append("## Ingest", Section, row);
}
