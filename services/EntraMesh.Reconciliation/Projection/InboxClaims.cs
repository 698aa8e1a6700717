using Npgsql;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// The inbox for a whole batch at once: one statement records every message id for this consumer in the batch's
/// transaction and returns those not recorded before (the same table and consumer key as <c>TryClaimMessageAsync</c>).
/// </summary>
public static class InboxClaims
{
    public static async Task<HashSet<Guid>> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<Guid> messageIds, string consumer, CancellationToken cancellationToken)
    {
        var ids = messageIds.Distinct().Order().ToArray();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO inbox_message (message_id, consumer)
            SELECT i.id, @consumer FROM unnest(@ids::uuid[]) WITH ORDINALITY AS i(id, ord) ORDER BY i.ord
            ON CONFLICT DO NOTHING
            RETURNING message_id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("ids", ids));
        command.Parameters.Add(new NpgsqlParameter("consumer", consumer));
        var claimed = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) claimed.Add(reader.GetGuid(0));
        return claimed;
    }
}
