using EntraMesh.Dispatch.Configuration;
using Npgsql;

namespace EntraMesh.Dispatch.LogPolling;

/// <summary>The stored position in each job's provisioning logs.</summary>
public static class JobWatermarks
{
    public static async Task<DateTimeOffset?> ReadAsync(NpgsqlConnection connection, DispatchTarget target, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT watermark FROM log_watermark WHERE target = @target", connection);
        command.Parameters.AddWithValue("target", target.Name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    /// <summary>Moves the watermark forward (never back).</summary>
    public static async Task AdvanceAsync(NpgsqlConnection connection, DispatchTarget target, DateTimeOffset watermark, DateTimeOffset polledAt, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO log_watermark (target, job_id, watermark, polled_at) VALUES (@target, @job, @watermark, @polled)
            ON CONFLICT (target) DO UPDATE SET job_id = EXCLUDED.job_id, polled_at = EXCLUDED.polled_at,
                watermark = GREATEST(log_watermark.watermark, EXCLUDED.watermark)
            """, connection);
        command.Parameters.AddWithValue("target", target.Name);
        command.Parameters.AddWithValue("job", target.JobId);
        command.Parameters.AddWithValue("watermark", watermark);
        command.Parameters.AddWithValue("polled", polledAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
