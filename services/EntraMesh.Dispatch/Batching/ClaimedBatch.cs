using EntraMesh.Dispatch.Configuration;

namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// A call recorded in the ledger before it is sent, with the operations reserved for it (in flight until
/// <c>InFlightLease</c> ends). <see cref="ReservedAt"/> is the database clock at reservation.
/// </summary>
public sealed record ClaimedBatch(
    Guid CallId,
    DispatchTarget Target,
    DateTimeOffset ReservedAt,
    IReadOnlyList<ClaimedOperation> Operations);
