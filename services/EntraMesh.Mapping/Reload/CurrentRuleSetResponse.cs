using EntraMesh.Mapping.Rules.Preview;

namespace EntraMesh.Mapping.Reload;

/// <summary>The answer to GET /api/rules/current: the rule set this replica plans with, and how its reloading stands.</summary>
public sealed record CurrentRuleSetResponse
{
    public required string Version { get; init; }

    public string? Description { get; init; }

    /// <summary>The file name the rule set was read from.</summary>
    public required string Source { get; init; }

    /// <summary>SHA-256 of the rule set's text.</summary>
    public required string ContentHash { get; init; }

    public DateTimeOffset? LoadedAt { get; init; }

    /// <summary>The organisation's IANA time zone: hire and termination dates are days there.</summary>
    public required string TimeZone { get; init; }

    public required TimeSpan PreHireWindow { get; init; }

    public required IReadOnlyList<TargetSummaryResponse> Targets { get; init; }

    public required ReloadStatusResponse Reload { get; init; }
}
