using System.Threading.Channels;

namespace EntraMesh.Hosting.Outbox;

/// <summary>Wakes the relay right after a commit, so published messages do not wait for the poll tick.</summary>
public sealed class OutboxSignal
{
    readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Notify() => channel.Writer.TryWrite(true);

    /// <summary>Waits until notified or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (channel.Reader.TryRead(out _)) return;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await channel.Reader.WaitToReadAsync(timeoutSource.Token);
            channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll tick
        }
    }
}
