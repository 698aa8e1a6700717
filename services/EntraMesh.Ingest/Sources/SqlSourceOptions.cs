namespace EntraMesh.Ingest.Sources;

/// <summary><c>Sources:N:Sql</c>: a PostgreSQL table or view read in watermark order.</summary>
public sealed class SqlSourceOptions
{
    /// <summary>Configuration key holding the connection string (a secret), e.g. <c>ConnectionStrings:hr-database</c>.</summary>
    public string ConnectionStringKey { get; set; } = "";

    /// <summary>Table or view, optionally schema-qualified (<c>hr.workers</c>).</summary>
    public string Table { get; set; } = "";

    /// <summary>An updated-at (timestamp) or sequence (integer) column; ties are broken by the worker id column.</summary>
    public string WatermarkColumn { get; set; } = "";

    /// <summary>Column holding the worker id; defaults to the source's worker id field.</summary>
    public string? KeyColumn { get; set; }

    public int BatchSize { get; set; } = 500;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Rows are read only up to the highest watermark seen at least this long ago, so a transaction that took its
    /// watermark value earlier but committed later (within this time) is not skipped.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(5);
}
