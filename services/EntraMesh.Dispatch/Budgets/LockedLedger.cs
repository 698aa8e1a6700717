namespace EntraMesh.Dispatch.Budgets;

/// <summary>
/// The tenant's ledger read under its lock and, when asked for, the target's state (its row locked too): paused until when,
/// why it stopped, and whether it is recovering (after failures or a stop it sends one call at a time).
/// </summary>
public sealed record LockedLedger(LedgerSnapshot Ledger, DateTimeOffset? TargetPausedUntil, string? TargetStoppedReason, bool TargetRecovering);
