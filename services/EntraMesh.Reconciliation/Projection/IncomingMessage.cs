using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// A consumed message ready for the projector: its id and the queue that consumed it (for the inbox; both null for
/// events the service raises itself), its events and what else it reports.
/// </summary>
public sealed record IncomingMessage(
    Guid? MessageId, string? Consumer, string MessageType, Translation Translation, string? TraceId, BudgetReport? Budget = null);
