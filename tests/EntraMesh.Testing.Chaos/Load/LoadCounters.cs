using System.Collections.Concurrent;

namespace EntraMesh.Testing.Chaos.Load;

/// <summary>What the simulated HR system did and what it was answered (thread-safe counters).</summary>
public sealed class LoadCounters
{
    long webhooks, webhookAttempts, imports, importAttempts, replayedImports, recordsSent, rowsSent;

    public long Webhooks => Interlocked.Read(ref webhooks);
    public long WebhookAttempts => Interlocked.Read(ref webhookAttempts);
    public long Imports => Interlocked.Read(ref imports);
    public long ImportAttempts => Interlocked.Read(ref importAttempts);

    /// <summary>Import uploads answered with the import an earlier attempt of theirs had registered (same Idempotency-Key).</summary>
    public long ReplayedImports => Interlocked.Read(ref replayedImports);

    /// <summary>Records sent in webhooks (each counted once, however often it was retried).</summary>
    public long WebhookRecords => Interlocked.Read(ref recordsSent);

    /// <summary>Rows sent in CSV imports.</summary>
    public long ImportRows => Interlocked.Read(ref rowsSent);

    /// <summary>Attempts that got no definite answer, by cause (HTTP status or exception), and were retried.</summary>
    public ConcurrentDictionary<string, long> FailedAttempts { get; } = new(StringComparer.Ordinal);

    public void Webhook(int records)
    {
        Interlocked.Increment(ref webhooks);
        Interlocked.Add(ref recordsSent, records);
    }

    public void WebhookAttempt() => Interlocked.Increment(ref webhookAttempts);

    public void Import(int rows)
    {
        Interlocked.Increment(ref imports);
        Interlocked.Add(ref rowsSent, rows);
    }

    public void ImportAttempt() => Interlocked.Increment(ref importAttempts);

    public void ReplayedImport() => Interlocked.Increment(ref replayedImports);

    public void Failed(string cause) => FailedAttempts.AddOrUpdate(cause, 1, (_, n) => n + 1);
}
