using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Storage;
using Npgsql;

namespace EntraMesh.Dispatch.LogPolling;

/// <summary>The stored position in each job's provisioning logs, and where a poll starts reading.</summary>
public static class JobWatermarks
{
    /// <summary>
    /// Where the poll at <paramref name="polledAt"/> starts reading: the earliest sent operation the logs have not shown yet,
    /// or the previous poll if that is earlier (either less <c>ClockSkew</c>: Entra's clock may run behind ours), but never
    /// before <c>watermark - Overlap</c>, past which nothing is waited for (the first poll starts at <c>LookBack</c>). An entry
    /// that matters belongs to an operation not shown yet, so reading from there misses none; once the logs showed every
    /// operation of a burst, polls read only what is new instead of the whole settle window again.
    /// </summary>
    public static async Task<DateTimeOffset> ReadFromAsync(
        NpgsqlConnection connection, DispatchTarget target, DateTimeOffset polledAt, LogPollingOptions settings, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT f.floor, f.polled_at,
                   (SELECT min(sent_at) FROM call_operation WHERE target = @target AND observed_at IS NULL AND sent_at >= f.floor)
            FROM (SELECT COALESCE(w.watermark, @first) - @overlap AS floor, w.polled_at
                  FROM (VALUES (1)) AS one LEFT JOIN log_watermark w ON w.target = @target) AS f
            """, connection);
        command.Parameters.AddWithValue("target", target.Name);
        command.Parameters.AddWithValue("first", polledAt - settings.LookBack);
        command.Parameters.AddWithValue("overlap", settings.Overlap);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var floor = reader.GetFieldValue<DateTimeOffset>(0);
        DateTimeOffset?[] candidates = [Database.NullableTime(reader, 1), Database.NullableTime(reader, 2)];
        if (candidates.Min() is not { } earliest) return floor;
        var from = earliest - settings.ClockSkew;
        return from > floor ? from : floor;
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
