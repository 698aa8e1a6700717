namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>A worker record to preview, as ingest would accept it.</summary>
public sealed record PreviewRecord
{
    public string? WorkerId { get; init; }

    public string? SourceId { get; init; }

    public Dictionary<string, string?>? Attributes { get; init; }

    public DateOnly? HireDate { get; init; }

    public DateOnly? TerminationDate { get; init; }

    public bool Terminated { get; init; }
}
