using DbUp;
using DbUp.Postgresql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Hosting.Data;

/// <summary>
/// Applies the service's embedded SQL scripts with DbUp, journaled in <c>{schema}.schema_versions</c>. A session-level
/// advisory lock per schema serialises replicas that start together: the first applies the scripts, the others wait
/// and then find nothing left to do. Scripts may use <c>$schema$</c> for the schema name.
/// </summary>
public sealed partial class SchemaMigrator(
    NpgsqlDataSource dataSource,
    IOptions<DatabaseOptions> options,
    MigrationAssemblies migrations,
    ILogger<SchemaMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var schema = options.Value.Schema;
        var lockKey = $"entramesh-migrations:{schema}";

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(hashtext(@key))", lockKey, cancellationToken);
        try
        {
            await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"", null, cancellationToken);
            foreach (var assembly in migrations.Assemblies)
            {
                var result = DeployChanges.To
                    .PostgresqlDatabase(new PostgresqlConnectionManager(dataSource))
                    .JournalToPostgresqlTable(schema, "schema_versions")
                    .WithScriptsEmbeddedInAssembly(assembly, name => name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
                    .WithVariable("schema", schema)
                    .WithTransactionPerScript()
                    .LogToNowhere()
                    .Build()
                    .PerformUpgrade();

                if (!result.Successful)
                {
                    throw new InvalidOperationException(
                        $"Migration of schema '{schema}' failed in script '{result.ErrorScript?.Name}': {result.Error?.Message}",
                        result.Error);
                }

                foreach (var script in result.Scripts)
                {
                    LogScriptApplied(logger, schema, script.Name);
                }
            }
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(hashtext(@key))", lockKey, CancellationToken.None);
        }
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string? key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (key is not null) command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {Schema}: applied migration {Script}")]
    static partial void LogScriptApplied(ILogger logger, string schema, string script);
}
