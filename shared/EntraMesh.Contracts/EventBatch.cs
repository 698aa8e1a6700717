namespace EntraMesh.Contracts;

/// <summary>
/// Several events of one type that one transaction of the publisher committed together, carried as one message: the
/// outbox packs the events of a type marked <see cref="PublishedInBatchesAttribute"/> this way, so that a webhook of a
/// hundred records costs the broker one message per hop instead of a hundred. Each event keeps the message id it was
/// published with (consumers de-duplicate by it, as for a single event) and the span it was published in. Its exchange is
/// the event's own with <c>.batch</c> appended (<c>entramesh.worker-record-accepted.batch</c>).
/// </summary>
public sealed record EventBatch<T>
    where T : class
{
    public required IReadOnlyList<BatchedEvent<T>> Events { get; init; }
}

/// <summary>One event of an <see cref="EventBatch{T}"/>, with what travels in a single message's headers.</summary>
public sealed record BatchedEvent<T>
    where T : class
{
    public required Guid MessageId { get; init; }
    public required T Message { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the span the event was published in, if any.</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }
}

/// <summary>
/// The event may arrive as an <see cref="EventBatch{T}"/> as well as alone: every consumer of it must consume both.
/// Marking an event is a contract change - deploy its consumers' support first.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublishedInBatchesAttribute : Attribute;
