using Npgsql;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// The inbox for a whole transaction at once: one statement records every (message id, consumer) of its messages, which
/// may come from several queues, and returns those not recorded before (the same table and consumer keys as
/// <c>TryClaimMessageAsync</c>).
/// </summary>
public static class InboxClaims
{
    public static async Task<HashSet<(Guid MessageId, string Consumer)>> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<(Guid MessageId, string Consumer)> messages,
        CancellationToken cancellationToken)
    {
        // One order for every writer (consumer, then id), so concurrent claims of the same keys cannot deadlock.
        var keys = messages.Distinct().OrderBy(key => key.Consumer, StringComparer.Ordinal).ThenBy(key => key.MessageId).ToArray();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO inbox_message (message_id, consumer)
            SELECT i.id, i.consumer FROM unnest(@ids::uuid[], @consumers::text[]) WITH ORDINALITY AS i(id, consumer, ord) ORDER BY i.ord
            ON CONFLICT DO NOTHING
            RETURNING message_id, consumer
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("ids", keys.Select(key => key.MessageId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("consumers", keys.Select(key => key.Consumer).ToArray()));
        var claimed = new HashSet<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) claimed.Add((reader.GetGuid(0), reader.GetString(1)));
        return claimed;
    }
}
