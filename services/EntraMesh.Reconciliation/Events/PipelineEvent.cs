using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>One pipeline event as the read model sees it: which worker, which revision, when, and how it was traced.</summary>
public abstract record PipelineEvent
{
    public required WorkerKey Worker { get; init; }
    public required long Revision { get; init; }

    /// <summary>When it happened, in UTC, by the clock of the service that published it.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    public Guid? RecordId { get; init; }

    /// <summary>The consumed message's id; null for events the service raises itself (stuck scan).</summary>
    public Guid? MessageId { get; init; }

    /// <summary>W3C trace id of the message that carried the event.</summary>
    public string? TraceId { get; init; }

    /// <summary>Name shown in the timeline (the contract's name).</summary>
    public abstract string Name { get; }

    /// <summary>The state this event stands for (shown in the timeline).</summary>
    public abstract WorkerState State { get; }

    /// <summary>What the timeline shows about the event beyond its state: identifiers and reasons, never HR data.</summary>
    public abstract IReadOnlyDictionary<string, object?> Describe();
}
