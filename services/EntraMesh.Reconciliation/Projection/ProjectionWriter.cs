using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Group commit for the consumers of every event type: a consumed batch waits while the read model's writers are busy,
/// and the next writer applies everything that waits, of every queue, in one transaction
/// (<see cref="ReconciliationOptions.ProjectionWriters"/> at a time, up to
/// <see cref="ReconciliationOptions.MaxEventsPerTransaction"/> events each). A worker's record, plan and queueing
/// arrive on three queues within milliseconds of each other; applied together they cost one write of its row and lane
/// instead of three, and the writers do not wait on each other's locks. With nothing else waiting a batch is applied at
/// once, alone, as before. Each batch is acknowledged only after the transaction that applied it committed; when a
/// combined transaction fails, each of its batches is applied again alone, so one that cannot be projected fails (and is
/// retried, and lands in its queue's <c>_error</c>) without taking the others with it.
/// </summary>
public sealed class ProjectionWriter
{
    readonly Projector projector;
    readonly int maxEvents;
    readonly SemaphoreSlim writers;
    readonly ConcurrentQueue<Waiting> waiting = new();

    public ProjectionWriter(Projector projector, IOptions<ReconciliationOptions> options)
    {
        this.projector = projector;
        maxEvents = options.Value.MaxEventsPerTransaction;
        writers = new SemaphoreSlim(options.Value.ProjectionWriters);
    }

    /// <summary>Completes once the messages are committed to the read model (by this call or by a writer that took them along).</summary>
    public async Task ApplyAsync(IReadOnlyList<IncomingMessage> messages, CancellationToken cancellationToken)
    {
        var batch = new Waiting(messages, messages.Sum(message => message.Translation.Events.Count));
        waiting.Enqueue(batch);

        // If this wait is cancelled the batch stays queued and a later writer may still apply it: the broker redelivers
        // the messages, and the inbox absorbs them.
        await writers.WaitAsync(cancellationToken);
        try
        {
            // Oldest first: a writer whose own batch is still behind a full transaction's worth applies another.
            while (!batch.Applied.Task.IsCompleted && waiting.TryDequeue(out var first)) await WriteAsync(Take(first), cancellationToken);
        }
        finally
        {
            writers.Release();
        }

        await batch.Applied.Task;
    }

    List<Waiting> Take(Waiting first)
    {
        var taken = new List<Waiting> { first };
        var events = first.Events;
        while (waiting.TryPeek(out var next) && events + next.Events <= maxEvents && waiting.TryDequeue(out next))
        {
            taken.Add(next);
            events += next.Events;
        }

        return taken;
    }

    async Task WriteAsync(List<Waiting> taken, CancellationToken cancellationToken)
    {
        try
        {
            await projector.ApplyAsync(taken.Count == 1 ? taken[0].Messages : taken.SelectMany(batch => batch.Messages).ToList(), cancellationToken);
            foreach (var batch in taken) batch.Applied.TrySetResult();
            return;
        }
        catch (Exception exception) when (taken.Count == 1)
        {
            taken[0].Applied.TrySetException(exception);
            return;
        }
        catch (Exception)
        {
            // Which batch failed is not known: each alone, below.
        }

        foreach (var batch in taken)
        {
            try
            {
                await projector.ApplyAsync(batch.Messages, cancellationToken);
                batch.Applied.TrySetResult();
            }
            catch (Exception exception)
            {
                batch.Applied.TrySetException(exception);
            }
        }
    }

    sealed record Waiting(IReadOnlyList<IncomingMessage> Messages, int Events)
    {
        public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
