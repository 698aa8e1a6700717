using System.Collections.Frozen;
using System.Text;
using Microsoft.Extensions.Options;

namespace EntraMesh.Ingest.Sources;

/// <summary>The configured sources by id, with HMAC secrets read from configuration keys and environment.</summary>
public sealed class SourceCatalog
{
    readonly FrozenDictionary<string, SourceDefinition> sources;

    public SourceCatalog(
        IOptions<SourcesOptions> options, IOptions<IngestOptions> ingest, IConfiguration configuration, DevelopmentSecrets developmentSecrets)
    {
        sources = options.Value.Sources.ToFrozenDictionary(
            source => source.Id,
            source => new SourceDefinition(
                source,
                ResolveSecrets(source, configuration, developmentSecrets),
                source.SnapshotTerminationThreshold ?? ingest.Value.SnapshotTerminationThreshold),
            StringComparer.Ordinal);
    }

    public IEnumerable<SourceDefinition> All => sources.Values;

    public bool TryGet(string id, out SourceDefinition source) => sources.TryGetValue(id, out source!);

    static List<byte[]> ResolveSecrets(SourceOptions source, IConfiguration configuration, DevelopmentSecrets developmentSecrets)
    {
        var values = source.Secrets
            .Concat(source.SecretKeys.Select(key => configuration[key]))
            .Where(value => !string.IsNullOrEmpty(value))
            .Select(value => Encoding.UTF8.GetBytes(value!))
            .ToList();
        if (values.Count == 0 && !string.IsNullOrEmpty(source.WebhookFormat) && developmentSecrets.Enabled)
        {
            values.Add(Encoding.UTF8.GetBytes(developmentSecrets.GetOrCreate(source.Id)));
        }

        return values;
    }
}
