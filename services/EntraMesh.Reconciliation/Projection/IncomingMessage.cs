using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>A consumed message ready for the projector: its id (for the inbox), its events and what else it reports.</summary>
public sealed record IncomingMessage(Guid? MessageId, string MessageType, Translation Translation, string? TraceId, BudgetReport? Budget = null);
