using EntraMesh.Benchmarking;

namespace EntraMesh.ReconciliationBench;

/// <summary>Appends a row under <c>## Reconciliation</c> in docs/benchmarks.md (creating the file or section when missing).</summary>
public static class Report
{
    const string Heading = "## Reconciliation";

    const string Intro =
        """
        Measured by `bench/EntraMesh.ReconciliationBench` against the local RabbitMQ and PostgreSQL of `eng/infra.sh`
        (fsync off). Projection: the queues are filled with the service stopped, then it drains them; the rate is
        messages (and worker events: one per worker and step, a 50-operation bulk call counting 50) over the time between
        the first and last inbox claim. Goal: at least 5,000 events/s. Lookups and summary: over HTTP (Kestrel in process)
        with the read model seeded by COPY; goals: worker lookup p99 at most 20 ms and summary at most 200 ms with
        1,000,000 workers. Figures are medians over the runs, with the spread (min–max) in brackets; load is the 1-minute
        load average before, between and after the phases (the machine is shared with other builds, so wall-clock rates
        move with it). CPU is what the projection used per 1,000 worker events (service process + all PostgreSQL and
        RabbitMQ processes, which other engineers' tests share, so an upper bound): 2,000 ÷ that figure is roughly the
        events/s the 2 cores sustain when nothing else runs.

        | date | machine | commit | projection msg/s | projection events/s | CPU s per 1,000 events | workers | lookup p50 ms | lookup p99 ms | summary p50 ms | summary p99 ms | list page p99 ms | seed | load |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|---|
        """;

    public static string Append(string row) => BenchmarksFile.Append(Heading, Intro.Split('\n'), row);
}
