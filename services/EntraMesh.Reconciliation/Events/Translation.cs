namespace EntraMesh.Reconciliation.Events;

/// <summary>The read model's events from one consumed message, and why parts of it could not be used, if any.</summary>
public sealed record Translation(IReadOnlyList<PipelineEvent> Events, string? Invalid, IReadOnlyDictionary<string, object?>? Identifiers = null)
{
    public static Translation Of(params PipelineEvent[] events) => new(events, null);

    public static Translation Rejected(string reason, IReadOnlyDictionary<string, object?> identifiers) => new([], reason, identifiers);
}
