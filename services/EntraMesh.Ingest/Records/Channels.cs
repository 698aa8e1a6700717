namespace EntraMesh.Ingest.Records;

/// <summary>How a record arrived (<c>WorkerRecordAccepted.Channel</c>).</summary>
public static class Channels
{
    public const string Webhook = "webhook";
    public const string Csv = "csv";
    public const string Sql = "sql";
    public const string Snapshot = "snapshot";
}
