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

    /// <summary>Dispatch's state in a few lines, for the message of a test that timed out.</summary>
    public static async Task<string> DescribeAsync(this IsolatedInfrastructure infrastructure)
    {
        var statuses = await infrastructure.QueryAsync("SELECT status, count(*) FROM operation GROUP BY status", r => $"{r.GetString(0)}={r.GetInt64(1)}");
        var targets = await infrastructure.QueryAsync(
            "SELECT target, paused_until, consecutive_failures, probe_call_id, stopped_reason, clock_timestamp() FROM target_state",
            r => $"{r.GetString(0)} paused_until={r.GetValue(1)} failures={r.GetInt32(2)} probe={r.GetValue(3)} stopped={r.GetValue(4)} now={r.GetValue(5)}");
        var tenants = await infrastructure.QueryAsync("SELECT tenant_key, blocked_until FROM tenant_budget", r => $"{r.GetString(0)} blocked_until={r.GetValue(1)}");
        var calls = await infrastructure.QueryAsync(
            "SELECT reserved_at, completed_at, operations, outcome, http_status, error FROM call ORDER BY completed_at IS NULL DESC, reserved_at DESC LIMIT 8",
            r => $"{r.GetValue(0)} done={r.GetValue(1)} ops={r.GetInt32(2)} {r.GetString(3)} {r.GetValue(4)} {r.GetValue(5)}");
        var leases = await infrastructure.QueryAsync("SELECT DISTINCT call_id, lease_until FROM operation WHERE status = 'in_flight'", r => $"{r.GetValue(0)} until {r.GetValue(1)}");
        return $"operations: {string.Join(", ", statuses)}\ntargets: {string.Join("; ", targets)}\ntenants: {string.Join("; ", tenants)}\n" +
               $"in flight: {string.Join("; ", leases)}\nlatest calls:\n  {string.Join("\n  ", calls)}";
    }
}
