using Npgsql;

namespace EntraMesh.Hosting.Data;

public static class PostgresErrors
{
    /// <summary>
    /// SQLSTATE class 22 (data exception, such as a NUL character in text or JSON) or 54 (a limit exceeded): PostgreSQL
    /// refuses the value itself, so trying again cannot help, unlike an outage.
    /// </summary>
    public static bool IsDataError(PostgresException error) =>
        error.SqlState.StartsWith("22", StringComparison.Ordinal) || error.SqlState.StartsWith("54", StringComparison.Ordinal);
}
