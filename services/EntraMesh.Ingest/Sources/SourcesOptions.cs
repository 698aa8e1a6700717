namespace EntraMesh.Ingest.Sources;

/// <summary>The top-level <c>Sources</c> array of the configuration.</summary>
public sealed class SourcesOptions
{
    public const string Section = "Sources";

    public List<SourceOptions> Sources { get; set; } = [];
}
