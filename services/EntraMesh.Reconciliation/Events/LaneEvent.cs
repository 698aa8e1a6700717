using EntraMesh.Contracts;

namespace EntraMesh.Reconciliation.Events;

/// <summary>An event about one worker in one target.</summary>
public abstract record LaneEvent : PipelineEvent
{
    public required string Target { get; init; }

    /// <summary>The planned change it concerns; null for mapping's decisions to send nothing.</summary>
    public Guid? ChangeId { get; init; }

    public ChangeKind? ChangeKind { get; init; }

    /// <summary>How far along the revision this event puts the target (see <see cref="ReadModel.Stage"/>).</summary>
    public abstract int Stage { get; }

    /// <summary>
    /// When the change attempt this event belongs to began, as far as this event tells: a plan's time, otherwise the
    /// event's own time (an upper bound). A replay plans the same revision again, later, under a new change id.
    /// </summary>
    public virtual DateTimeOffset AttemptTime => OccurredAt;
}
