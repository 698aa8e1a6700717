using EntraMesh.Contracts;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>
/// The answer to POST /api/rules/preview-population: for every known worker, what the candidate rule set would change
/// compared with the running one - counts by change kind and by target, the attributes that change, moves between targets
/// and OUs, workers it cannot map, and samples of each. Nothing is sent.
/// </summary>
public sealed record PopulationPreviewResponse
{
    public required string RunningVersion { get; init; }
    public required string RunningContentHash { get; init; }
    public required string CandidateVersion { get; init; }
    public required string CandidateContentHash { get; init; }

    /// <summary>The instant both rule sets were evaluated at (what Now() returned).</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>Workers with an accepted record.</summary>
    public required int Workers { get; init; }

    /// <summary>Workers for which the candidate would send at least one change.</summary>
    public required int WorkersChanged { get; init; }

    public required int Unchanged { get; init; }

    /// <summary>Changes by kind over every target (a worker moving between targets counts a leaver and a joiner).</summary>
    public required IReadOnlyDictionary<ChangeKind, int> Changes { get; init; }

    public required IReadOnlyList<TargetChangesResponse> Targets { get; init; }

    public required IReadOnlyList<TargetMoveResponse> TargetMoves { get; init; }

    /// <summary>The most frequent OU moves within a target (at most 50).</summary>
    public required IReadOnlyList<OuChangeResponse> OuChanges { get; init; }

    public required ScopeCountsResponse OutOfScope { get; init; }

    public required InvalidResponse Invalid { get; init; }

    /// <summary>Workers the running rules cannot map: not compared.</summary>
    public required int RunningInvalid { get; init; }

    public required TestCasesResponse TestCases { get; init; }

    public required long ElapsedMilliseconds { get; init; }
}
