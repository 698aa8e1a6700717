namespace EntraMesh.Ingest.Imports;

/// <summary>Progress and outcome of an import, as <c>GET /api/imports/{id}</c> shows it (for a progress bar).</summary>
public sealed record ImportJobView
{
    public required Guid Id { get; init; }
    public required string SourceId { get; init; }
    public required string Mode { get; init; }
    public required string Status { get; init; }

    /// <summary>True when nothing more will happen (Completed, Cancelled or Failed).</summary>
    public required bool Done { get; init; }

    public string? FileName { get; init; }
    public required long RowsRead { get; init; }
    public required long RowsAccepted { get; init; }
    public required long RowsRejected { get; init; }

    /// <summary>Full snapshots: active workers of the source before the snapshot, and how many of them it does not list.</summary>
    public long? Population { get; init; }
    public long? Absent { get; init; }
    public double? AbsentShare { get; init; }
    public required double Threshold { get; init; }

    /// <summary>Workers announced as terminated because the confirmed snapshot no longer lists them.</summary>
    public required long Terminated { get; init; }

    public string? CreatedBy { get; init; }
    public string? DecidedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? Error { get; init; }

    /// <summary>The first per-row errors, with row numbers (data rows, 1-based) and file lines.</summary>
    public required IReadOnlyList<ImportRowError> Errors { get; init; }
}

public sealed record ImportRowError(long Row, long? Line, string? WorkerId, string Reason);
