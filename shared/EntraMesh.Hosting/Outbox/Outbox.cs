using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Hosting.Outbox;

/// <summary>
/// Begins a PostgreSQL transaction in which a service changes its state, claims the consumed message (inbox) and
/// publishes events (outbox), all committed together. See <see cref="OutboxTransaction"/>.
/// </summary>
public sealed class Outbox(
    NpgsqlDataSource dataSource, OutboxSignal signal, MessageTypeRegistry types, IOptions<OutboxOptions> options, TimeProvider time)
{
    internal OutboxSignal Signal => signal;
    internal MessageTypeRegistry Types => types;
    internal TimeProvider Time => time;
    internal int MaxEventsPerMessage => options.Value.MaxEventsPerMessage;

    public async Task<OutboxTransaction> BeginAsync(CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new OutboxTransaction(this, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
