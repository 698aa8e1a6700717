using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Ingest;

/// <summary>The <c>Ingest</c> section: limits and behaviour shared by every source.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Accepted distance between a webhook's signed timestamp and now.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Ingest:SignatureTolerance must be between 10 seconds and 1 hour.")]
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Ingest:MaxWebhookBytes must be between 1 KiB and 64 MiB.")]
    public long MaxWebhookBytes { get; set; } = 1024 * 1024;

    [Range(1, 10_000, ErrorMessage = "Ingest:MaxRecordsPerWebhook must be between 1 and 10000.")]
    public int MaxRecordsPerWebhook { get; set; } = 1000;

    [Range(1024, 100L * 1024 * 1024 * 1024, ErrorMessage = "Ingest:MaxImportBytes must be between 1 KiB and 100 GiB.")]
    public long MaxImportBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Rows committed per transaction during a CSV import.</summary>
    [Range(1, 50_000, ErrorMessage = "Ingest:ImportChunkSize must be between 1 and 50000.")]
    public int ImportChunkSize { get; set; } = 1000;

    /// <summary>Default share of a source's active workers a full snapshot may terminate before it is held.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Ingest:SnapshotTerminationThreshold must be between 0 and 1.")]
    public double SnapshotTerminationThreshold { get; set; } = 0.05;

    /// <summary>Source used by <c>POST /api/imports</c> when the request names none.</summary>
    public string DefaultImportSource { get; set; } = "hr-csv";

    /// <summary>Where uploaded CSV files wait while they are imported (a persistent volume lets an import resume).</summary>
    [Required(ErrorMessage = "Ingest:StateDirectory is required.")]
    public string StateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "entramesh", "ingest");

    /// <summary>Per-row errors kept and shown per import.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Ingest:MaxStoredRowErrors must be between 0 and 1000000.")]
    public int MaxStoredRowErrors { get; set; } = 10_000;
}
