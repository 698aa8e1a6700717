using EntraMesh.Ingest.Records;

namespace EntraMesh.Ingest.Webhooks;

/// <summary>Records read from a webhook body, or the problem with the body.</summary>
public sealed record WebhookParseResult(IReadOnlyList<SourceRecord> Records, string? Problem)
{
    public static WebhookParseResult Ok(IReadOnlyList<SourceRecord> records) => new(records, null);

    public static WebhookParseResult Fail(string problem) => new([], problem);
}
