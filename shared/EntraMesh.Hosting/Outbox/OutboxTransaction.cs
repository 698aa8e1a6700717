using System.Diagnostics;
using System.Text.Json;
using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;
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
        return TryClaimMessageAsync(messageId, ReceivedEvents.ConsumerKey(context), context.CancellationToken);
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
    /// Claims received events in one statement: returns those handled for the first time by <paramref name="consumer"/>,
    /// in the given order (a redelivery, or a message id given twice, is left out). Concurrent deliveries of the same
    /// event wait as for <see cref="TryClaimMessageAsync(ConsumeContext)"/>.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedEvent<T>>> TryClaimMessagesAsync<T>(
        IReadOnlyList<ReceivedEvent<T>> events, string consumer, CancellationToken cancellationToken)
        where T : class
    {
        if (events.Count == 0) return [];
        var claimed = await TryClaimMessagesAsync(events.Select(e => e.MessageId).ToList(), consumer, cancellationToken);
        return events.Where(e => claimed.Remove(e.MessageId)).ToList();
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

    /// <summary>
    /// Publishes <paramref name="message"/> once this transaction commits. Returns the message id it will carry. Events of a
    /// type marked <see cref="PublishedInBatchesAttribute"/> that this transaction publishes more than once leave as
    /// <see cref="EventBatch{T}"/> messages (see <see cref="OutboxOptions.MaxEventsPerMessage"/>), each event with this id.
    /// </summary>
    public Guid Publish<T>(T message)
        where T : class
    {
        var activity = Activity.Current;
        var messageId = Guid.CreateVersion7();
        pending.Add(new PendingMessage(
            messageId,
            typeof(T),
            JsonSerializer.Serialize(message, MessageTypeRegistry.SerializerOptions),
            activity?.Id,
            activity?.TraceStateString));
        return messageId;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        var rows = OutboxRows();
        if (rows.Count > 0)
        {
            await using var command = Command(
                """
                INSERT INTO outbox_message (message_id, message_type, body, trace_parent, trace_state)
                SELECT * FROM unnest(@ids, @types, @bodies, @parents, @states)
                """);
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", rows.Select(m => m.MessageId).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<string[]>("types", rows.Select(m => m.MessageType).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<string[]>("bodies", rows.Select(m => m.Body).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("parents", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(m => m.TraceParent).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(m => m.TraceState).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await Transaction.CommitAsync(cancellationToken);
        completed = true;
        if (rows.Count > 0) outbox.Signal.Notify();
    }

    /// <summary>
    /// One row per message: events of a batched type published more than once are packed into <see cref="EventBatch{T}"/>
    /// rows of at most <see cref="OutboxOptions.MaxEventsPerMessage"/> events, in the order they were published.
    /// </summary>
    List<OutboxRow> OutboxRows()
    {
        var rows = new List<OutboxRow>(pending.Count);
        foreach (var group in pending.GroupBy(m => m.Type))
        {
            var batchType = group.Skip(1).Any() ? outbox.Types.BatchTypeOf(group.Key) : null;
            if (batchType is null)
            {
                rows.AddRange(group.Select(m => new OutboxRow(m.MessageId, outbox.Types.NameOf(m.Type), m.Body, m.TraceParent, m.TraceState)));
                continue;
            }

            foreach (var chunk in group.Chunk(outbox.MaxEventsPerMessage))
            {
                rows.Add(chunk.Length == 1
                    ? new OutboxRow(chunk[0].MessageId, outbox.Types.NameOf(chunk[0].Type), chunk[0].Body, chunk[0].TraceParent, chunk[0].TraceState)
                    : new OutboxRow(Guid.CreateVersion7(), outbox.Types.NameOf(batchType), BatchBody(chunk), chunk[0].TraceParent, chunk[0].TraceState));
            }
        }

        return rows;
    }

    /// <summary>The JSON of an <see cref="EventBatch{T}"/> around events already serialised (web defaults: camel case).</summary>
    static string BatchBody(IReadOnlyList<PendingMessage> events)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var message in events)
            {
                writer.WriteStartObject();
                writer.WriteString("messageId", message.MessageId);
                writer.WritePropertyName("message");
                writer.WriteRawValue(message.Body, skipInputValidation: true);
                if (message.TraceParent is not null) writer.WriteString("traceParent", message.TraceParent);
                if (message.TraceState is not null) writer.WriteString("traceState", message.TraceState);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
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

    readonly record struct PendingMessage(Guid MessageId, Type Type, string Body, string? TraceParent, string? TraceState);

    readonly record struct OutboxRow(Guid MessageId, string MessageType, string Body, string? TraceParent, string? TraceState);
}
