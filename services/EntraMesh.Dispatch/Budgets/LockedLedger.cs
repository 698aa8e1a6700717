namespace EntraMesh.Dispatch.Budgets;

/// <summary>The tenant's ledger read under its lock and, when asked for, whether the target is paused (its row locked too).</summary>
public sealed record LockedLedger(LedgerSnapshot Ledger, DateTimeOffset? TargetPausedUntil, string? TargetStoppedReason);
