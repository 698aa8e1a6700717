namespace EntraMesh.Bench.Load;

/// <summary>One webhook: when it was sent and answered, the HTTP status (0: no answer) and how many records ingest accepted.</summary>
public sealed record WebhookAnswer(DateTimeOffset Sent, DateTimeOffset Answered, int Status, int Accepted);
