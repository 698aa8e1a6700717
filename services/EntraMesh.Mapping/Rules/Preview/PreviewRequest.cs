namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>The body of POST /api/rules/preview.</summary>
public sealed record PreviewRequest
{
    public PreviewRecord? Record { get; init; }

    /// <summary>A candidate rule set (YAML) to preview with instead of the running one.</summary>
    public string? RuleSet { get; init; }

    /// <summary>Values SelectUniqueValue must treat as taken (the preview has no directory to ask).</summary>
    public IReadOnlyList<string>? TakenValues { get; init; }

    /// <summary>The instant Now() returns in this preview; the service's clock when absent.</summary>
    public DateTimeOffset? Now { get; init; }
}
