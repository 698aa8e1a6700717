namespace EntraMesh.Reconciliation.Projection;

/// <summary>Dispatch's daily call budget for a target, as it reported it with a submission.</summary>
public sealed record BudgetReport(string Target, string? JobId, int CallsRemaining, int? CallsLimit, DateTimeOffset ReportedAt, Guid SubmissionId);
