namespace EntraMesh.Ingest.Sources;

/// <summary>A configured source with its secrets resolved, as the request handlers and pollers use it.</summary>
public sealed record SourceDefinition(SourceOptions Options, IReadOnlyList<byte[]> Secrets, double SnapshotTerminationThreshold)
{
    public string Id => Options.Id;

    public bool TakesWebhooks => !string.IsNullOrEmpty(Options.WebhookFormat);
}
