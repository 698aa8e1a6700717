using EntraMesh.Testing;
using Npgsql;

namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>Reads dispatch's tables to assert outcomes.</summary>
internal static class DispatchDatabase
{
    public const string Schema = "dispatch";

    public static Task<long> CountAsync(this IsolatedInfrastructure infrastructure, string sqlWhere) =>
        infrastructure.ScalarAsync<long>($"SELECT count(*) FROM {sqlWhere}", Schema);

    public static async Task<List<T>> QueryAsync<T>(this IsolatedInfrastructure infrastructure, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = await infrastructure.OpenConnectionAsync(Schema);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    public static async Task ExecuteAsync(this IsolatedInfrastructure infrastructure, string sql)
    {
        await using var connection = await infrastructure.OpenConnectionAsync(Schema);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
