namespace EntraMesh.Mapping.Reload;

/// <summary>Hot reload of <c>Rules:Path</c>: on or off, how often, when the file was last read, and the last file refused.</summary>
public sealed record ReloadStatusResponse
{
    public required bool Enabled { get; init; }

    public required TimeSpan Interval { get; init; }

    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>The last changed file that failed validation (it never ran); null when none did.</summary>
    public RejectedRuleSetResponse? LastRejected { get; init; }
}
