using System.Globalization;
using EntraMesh.Bench.Measures;

namespace EntraMesh.Bench.Scenarios;

/// <summary>
/// One rate of the throughput ladder: the rate asked for, what the sender offered, and the steady rates (10th to 90th percentile of completion
/// times) at which records were accepted by ingest, queued in dispatch and accepted by the emulator.
/// </summary>
public sealed record ThroughputStep(
    double Nominal,
    double Offered,
    int Records,
    double Ingested,
    double Queued,
    double ToEmulator,
    TimeSpan QueuedLag,
    TimeSpan EmulatorLag,
    int WebhooksFailed,
    CpuProfile Cpu)
{
    /// <summary>The mesh kept up: both downstream rates within 10% of the offered rate.</summary>
    /// <summary>
    /// Core-seconds the mesh (services, its PostgreSQL backends, RabbitMQ) spent per 1,000 records of this rate, from the
    /// first webhook until the mesh was quiet again: what a record costs whatever else runs on the machine.
    /// </summary>
    public double MeshCpuPerThousand => Cpu.MeshCores * Cpu.Seconds / Records * 1000;

    public bool KeptUp => Queued >= 0.9 * Offered && ToEmulator >= 0.9 * Offered && WebhooksFailed == 0;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Nominal:N0}/s: offered {Offered:N0}/s ({Records:N0} records): ingest {Ingested:N0}/s, queued in dispatch {Queued:N0}/s, accepted by the emulator " +
        $"{ToEmulator:N0}/s; last record queued {QueuedLag.TotalSeconds:0.0} s and at the emulator {EmulatorLag.TotalSeconds:0.0} s after the last " +
        $"webhook was answered{(WebhooksFailed > 0 ? $"; {WebhooksFailed} webhooks failed" : "")}; the mesh used {MeshCpuPerThousand:0.00} core-s per 1,000 records " +
        $"-> {(KeptUp ? "kept up" : "saturated")}");
}
