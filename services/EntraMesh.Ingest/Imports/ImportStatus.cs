namespace EntraMesh.Ingest.Imports;

/// <summary>The life of an import job.</summary>
public static class ImportStatus
{
    /// <summary>Uploaded and checked; waiting for the import worker.</summary>
    public const string Queued = "Queued";

    /// <summary>Rows are being read (delta: accepted chunk by chunk; full snapshot: held until checked).</summary>
    public const string Running = "Running";

    /// <summary>A full snapshot would terminate more than the allowed share of the source: an operator decides.</summary>
    public const string AwaitingConfirmation = "AwaitingConfirmation";

    /// <summary>A full snapshot's rows and terminations are being announced.</summary>
    public const string Applying = "Applying";

    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";
    public const string Failed = "Failed";

    public static bool IsDone(string status) => status is Completed or Cancelled or Failed;
}
