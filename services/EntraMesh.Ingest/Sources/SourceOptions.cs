namespace EntraMesh.Ingest.Sources;

/// <summary>
/// One HR source, bound from <c>Sources:N</c>. Field names (worker id, status, dates) are the names after
/// <see cref="Aliases"/> were applied. Secrets are never written here in the repository: they come from
/// <c>Sources__N__Secrets__M</c> environment variables, mounted secret files, or the configuration keys named in
/// <see cref="SecretKeys"/>.
/// </summary>
public sealed class SourceOptions
{
    /// <summary>Lower-case id used in URLs (<c>/webhooks/{id}</c>) and in every event.</summary>
    public string Id { get; set; } = "";

    /// <summary>The webhook format this source posts (<c>EntraMesh</c> or <c>BambooHr</c>); none means no webhooks.</summary>
    public string? WebhookFormat { get; set; }

    /// <summary>HMAC secrets, current first (two at once during rotation). Only from environment or mounted files.</summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>Configuration keys holding HMAC secrets (e.g. <c>IngestSecrets:hr-webhook:current</c>).</summary>
    public List<string> SecretKeys { get; set; } = [];

    /// <summary>Source field name to attribute name.</summary>
    public Dictionary<string, string> Aliases { get; set; } = new(StringComparer.Ordinal);

    public string WorkerIdField { get; set; } = "";

    /// <summary>Field whose value says the worker's status; with <see cref="TerminatedStatuses"/> it marks leavers.</summary>
    public string? StatusField { get; set; }

    /// <summary>Values of <see cref="StatusField"/> that mean the worker is terminated (case-insensitive).</summary>
    public List<string> TerminatedStatuses { get; set; } = [];

    public string? HireDateField { get; set; }
    public string? TerminationDateField { get; set; }
    public string? EffectiveDateField { get; set; }

    /// <summary>Largest share of the source's active population a full snapshot may terminate without an operator.</summary>
    public double? SnapshotTerminationThreshold { get; set; }

    /// <summary>Poll a PostgreSQL table or view for this source.</summary>
    public SqlSourceOptions? Sql { get; set; }
}
