using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

/// <summary>One message per bulkUpload call: its (up to 50) operations and the budget dispatch had left after it.</summary>
public sealed class ProvisioningSubmittedConsumer(ProjectionWriter writer) : ProjectionConsumer<ProvisioningSubmitted>(writer)
{
    protected override Translation Translate(ProvisioningSubmitted message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);

    protected override BudgetReport? Budget(ProvisioningSubmitted message) =>
        message.DailyCallsRemaining is { } remaining && !string.IsNullOrWhiteSpace(message.Target)
            ? new BudgetReport(message.Target, message.JobId, remaining, message.DailyCallsLimit, EventTranslator.Utc(message.SubmittedAt), message.SubmissionId)
            : null;
}
