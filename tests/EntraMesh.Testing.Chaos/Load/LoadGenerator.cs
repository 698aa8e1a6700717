using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Testing.Chaos.Load;

/// <summary>
/// The HR system's traffic: the initial import of the whole population, then a steady stream of signed webhooks (a few
/// changed workers each) and, now and then, a CSV import re-delivering some workers unchanged and changing others.
/// </summary>
public sealed class LoadGenerator(Workforce.Workforce workforce, WebhookSender webhooks, ImportSender imports, ChaosOptions options, Action<string> log)
{
    readonly List<Task> inFlight = [];
    readonly Random random = new(options.Seed + 1);

    /// <summary>Imports every worker's first record and waits until the import is done.</summary>
    public async Task HireAsync(DateTime giveUpAt, CancellationToken cancellationToken)
    {
        var rows = workforce.Hire();
        await imports.SendAsync(rows, giveUpAt, cancellationToken);
        foreach (var (worker, _) in rows) workforce.Release(worker);
        log($"initial import of {rows.Count} workers: {rows.Count(row => row.Record.IsAccepted)} accepted");
    }

    /// <summary>
    /// Sends the steady load until <paramref name="until"/> and as long as <paramref name="alongside"/> runs (the chaos
    /// schedule: every strike meets traffic), then waits for every delivery to settle.
    /// </summary>
    public async Task RunAsync(DateTime until, Task alongside, TimeSpan settleTime, CancellationToken cancellationToken)
    {
        using var senders = new SemaphoreSlim(options.Senders);
        var interval = TimeSpan.FromSeconds(1 / options.WebhooksPerSecond);
        var nextImport = DateTime.UtcNow + options.ImportInterval;
        var next = DateTime.UtcNow;
        var giveUpAt = DateTime.MaxValue;
        while (DateTime.UtcNow < until || !alongside.IsCompleted)
        {
            giveUpAt = DateTime.UtcNow + settleTime;
            next += interval;
            if (next > DateTime.UtcNow) await Task.Delay(next - DateTime.UtcNow, cancellationToken);
            if (DateTime.UtcNow >= nextImport)
            {
                nextImport = DateTime.UtcNow + options.ImportInterval;
                Start(ImportAsync(giveUpAt, cancellationToken));
            }

            if (!await senders.WaitAsync(0, cancellationToken)) continue;   // every sender is busy retrying: the HR system queues
            var batch = workforce.NextChanges(random.Next(1, options.MaxRecordsPerWebhook + 1));
            if (batch.Count == 0)
            {
                senders.Release();
                continue;
            }

            Start(WebhookAsync(batch, senders, giveUpAt, cancellationToken));
        }

        Task[] pending;
        lock (inFlight) pending = [.. inFlight];
        await Task.WhenAll(pending);
    }

    async Task WebhookAsync(IReadOnlyList<(HrWorker Worker, SentRecord Record)> batch, SemaphoreSlim senders, DateTime giveUpAt, CancellationToken cancellationToken)
    {
        try
        {
            await webhooks.SendAsync(batch, giveUpAt, cancellationToken);
        }
        finally
        {
            foreach (var (worker, _) in batch) workforce.Release(worker);
            senders.Release();
        }
    }

    async Task ImportAsync(DateTime giveUpAt, CancellationToken cancellationToken)
    {
        var rows = workforce.NextImport(options.ImportRows);
        if (rows.Count == 0) return;
        try
        {
            await imports.SendAsync(rows, giveUpAt, cancellationToken);
        }
        finally
        {
            foreach (var (worker, _) in rows) workforce.Release(worker);
        }
    }

    void Start(Task task)
    {
        lock (inFlight)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(task);
        }
    }
}
