namespace EntraMesh.Reconciliation.Api.Summary;

/// <summary>Dispatch's daily budget for a target as it last reported it (with its most recent submission).</summary>
public sealed record BudgetLeft(string Target, string? JobId, int CallsRemaining, int? CallsLimit, DateTimeOffset ReportedAt);
