using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Npgsql;
using NpgsqlTypes;

namespace EntraMesh.Hosting.Outbox;

/// <summary>
/// One PostgreSQL transaction carrying a service's state change, the inbox record of the message being consumed
/// and the messages to publish. Nothing is published unless <see cref="CommitAsync"/> succeeds; disposing without
/// committing rolls everything back.
/// <code>
/// await using var tx = await outbox.BeginAsync(ct);
/// if (!await tx.TryClaimMessageAsync(context)) return;   // delivered before: already applied
/// ... tx.Command("UPDATE ...") ...
/// tx.Publish(new SomethingHappened { ... });
/// await tx.CommitAsync(ct);
/// </code>
/// </summary>
public sealed class OutboxTransaction : IAsyncDisposable
{
    readonly Outbox outbox;
    readonly List<PendingMessage> pending = [];
    bool completed;

    internal OutboxTransaction(Outbox outbox, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.outbox = outbox;
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }

    /// <summary>Number of messages that will be written to the outbox on commit.</summary>
    public int PendingCount => pending.Count;

    /// <summary>A command enlisted in this transaction.</summary>
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    /// <summary>
    /// Records that this consumer handled the message, in this transaction. False when it was handled before
    /// (a redelivery): the caller then does nothing. A concurrent delivery of the same message waits here until the
    /// first one commits or rolls back.
    /// </summary>
    public Task<bool> TryClaimMessageAsync(ConsumeContext context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A consumed message without MessageId cannot be de-duplicated.");
        return TryClaimMessageAsync(messageId, ConsumerKey(context), context.CancellationToken);
    }

    public async Task<bool> TryClaimMessageAsync(Guid messageId, string consumer, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "INSERT INTO inbox_message (message_id, consumer) VALUES (@id, @consumer) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("id", messageId);
        command.Parameters.AddWithValue("consumer", consumer);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Claims the messages of a batch consumer in one statement: returns the contexts handled for the first time, in the
    /// given order (a redelivery, or a message id given twice, is left out). Concurrent deliveries of the same message wait
    /// as for <see cref="TryClaimMessageAsync(ConsumeContext)"/>.
    /// </summary>
    public async Task<IReadOnlyList<T>> TryClaimMessagesAsync<T>(IReadOnlyList<T> contexts, CancellationToken cancellationToken)
        where T : ConsumeContext
    {
        if (contexts.Count == 0) return [];
        var ids = contexts.Select(context => context.MessageId
            ?? throw new InvalidOperationException("A consumed message without MessageId cannot be de-duplicated.")).ToList();
        var claimed = await TryClaimMessagesAsync(ids, ConsumerKey(contexts[0]), cancellationToken);
        return contexts.Where((_, index) => claimed.Remove(ids[index])).ToList();
    }

    /// <summary>Claims several message ids for <paramref name="consumer"/> in one statement; returns the ids claimed now.</summary>
    public async Task<HashSet<Guid>> TryClaimMessagesAsync(IReadOnlyCollection<Guid> messageIds, string consumer, CancellationToken cancellationToken)
    {
        // Sorted, so that two transactions claiming overlapping batches take the keys in one order and cannot deadlock.
        await using var command = Command(
            """
            INSERT INTO inbox_message (message_id, consumer)
            SELECT DISTINCT id, @consumer FROM unnest(@ids) AS u(id) ORDER BY id
            ON CONFLICT DO NOTHING RETURNING message_id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", messageIds.ToArray()));
        command.Parameters.AddWithValue("consumer", consumer);
        var claimed = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) claimed.Add(reader.GetGuid(0));
        return claimed;
    }

    /// <summary>Publishes <paramref name="message"/> once this transaction commits. Returns the message id it will carry.</summary>
    public Guid Publish<T>(T message)
        where T : class
    {
        var activity = Activity.Current;
        var messageId = NewId.NextGuid();
        pending.Add(new PendingMessage(
            messageId,
            outbox.Types.NameOf(typeof(T)),
            JsonSerializer.Serialize(message, MessageTypeRegistry.SerializerOptions),
            activity?.Id,
            activity?.TraceStateString));
        return messageId;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (pending.Count > 0)
        {
            await using var command = Command(
                """
                INSERT INTO outbox_message (message_id, message_type, body, trace_parent, trace_state)
                SELECT * FROM unnest(@ids, @types, @bodies, @parents, @states)
                """);
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", pending.Select(m => m.MessageId).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<string[]>("types", pending.Select(m => m.MessageType).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<string[]>("bodies", pending.Select(m => m.Body).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("parents", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = pending.Select(m => m.TraceParent).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = pending.Select(m => m.TraceState).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await Transaction.CommitAsync(cancellationToken);
        completed = true;
        if (pending.Count > 0) outbox.Signal.Notify();
    }

    public async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            try
            {
                await Transaction.RollbackAsync();
            }
            catch (Exception) when (Connection.State != System.Data.ConnectionState.Open)
            {
                // the connection is gone; PostgreSQL rolled back already
            }
        }

        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    /// <summary>The receiving queue identifies the consumer (one consumer per queue).</summary>
    static string ConsumerKey(ConsumeContext context)
    {
        var address = context.ReceiveContext.InputAddress;
        return address.Segments.Length > 0 ? address.Segments[^1].Trim('/') : address.ToString();
    }

    readonly record struct PendingMessage(Guid MessageId, string MessageType, string Body, string? TraceParent, string? TraceState);
}
