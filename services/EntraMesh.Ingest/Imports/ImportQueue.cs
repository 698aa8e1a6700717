using System.Threading.Channels;

namespace EntraMesh.Ingest.Imports;

/// <summary>Import jobs waiting for this replica's import worker.</summary>
public sealed class ImportQueue
{
    readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid id) => channel.Writer.TryWrite(id);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
