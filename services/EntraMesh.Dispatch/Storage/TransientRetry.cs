using Npgsql;

namespace EntraMesh.Dispatch.Storage;

/// <summary>
/// Retries a database transaction that failed for a passing reason (deadlock victim, serialization failure, a broken
/// connection), so the answer of a call that Entra gave is recorded rather than left to the in-flight lease.
/// </summary>
public static class TransientRetry
{
    const int Attempts = 5;

    public static async Task RunAsync(Func<Task> transaction, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await transaction();
                return;
            }
            catch (Exception exception) when (attempt < Attempts && IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25 * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble() / 2)), cancellationToken);
            }
        }
    }

    static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure || postgres.IsTransient,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };
}
