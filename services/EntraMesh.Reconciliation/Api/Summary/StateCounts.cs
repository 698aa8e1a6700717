using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Summary;

/// <summary>How many are in each state (every state listed, zero included).</summary>
public sealed record StateCounts(long Total, IReadOnlyDictionary<WorkerState, long> ByState);
