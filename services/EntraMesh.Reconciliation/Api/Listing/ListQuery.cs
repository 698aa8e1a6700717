using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>A validated list request.</summary>
public sealed record ListQuery
{
    public required ListScope Scope { get; init; }
    public IReadOnlyList<WorkerState> States { get; init; } = [];
    public string? Target { get; init; }
    public ChangeKind? ChangeKind { get; init; }
    public DateTimeOffset? Since { get; init; }
    public string? SourceId { get; init; }
    public string? ErrorCode { get; init; }
    public ListSort Sort { get; init; } = ListSort.Default;
    public Cursor? After { get; init; }

    /// <summary>Rows per page; null for a CSV export of everything that matches.</summary>
    public int? Limit { get; init; }

    public bool Csv { get; init; }
}
