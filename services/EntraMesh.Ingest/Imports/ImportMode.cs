namespace EntraMesh.Ingest.Imports;

/// <summary><c>delta</c>: the rows are changes. <c>full</c>: the file is the whole population of the source.</summary>
public static class ImportMode
{
    public const string Delta = "delta";
    public const string Full = "full";
}
