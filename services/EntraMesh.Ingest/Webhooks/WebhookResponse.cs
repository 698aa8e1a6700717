namespace EntraMesh.Ingest.Webhooks;

/// <summary>The 202 answer to a webhook: counts, and one line per record in the order they were sent.</summary>
public sealed record WebhookResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<WebhookRecordOutcome> Records);

/// <summary>What happened to one record: <c>accepted</c> (with its revision), <c>duplicate</c> or <c>rejected</c> (with the reason).</summary>
public sealed record WebhookRecordOutcome(long Index, string? EventId, string? WorkerId, string Outcome, long? Revision, string? Reason);
