using System.Text.Json.Nodes;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.RuleSets;
using Npgsql;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// SelectUniqueValue's uniqueness check in planning: a value is free when no other worker holds it in <c>unique_value</c>
/// for the same target and attribute (compared without regard to case). Answering "free" claims it for the worker in the
/// planning transaction, so two workers planned at the same time on different replicas never get the same value: the
/// second waits on the first's claim and, once it commits, finds the value taken.
/// </summary>
internal sealed class UniqueValueClaims(OutboxTransaction tx)
{
    public async ValueTask<bool> ClaimAsync(UniqueValueQuery query, CancellationToken cancellationToken)
    {
        var key = Key(query.Value);
        await using (var claim = tx.Command(
            """
            INSERT INTO unique_value (target, attribute, value_key, value, source_id, worker_id)
            VALUES (@target, @attribute, @key, @value, @source, @worker)
            ON CONFLICT DO NOTHING
            """))
        {
            claim.Parameters.AddWithValue("target", query.Target);
            claim.Parameters.AddWithValue("attribute", query.Attribute.Text);
            claim.Parameters.AddWithValue("key", key);
            claim.Parameters.AddWithValue("value", query.Value);
            claim.Parameters.AddWithValue("source", query.SourceId);
            claim.Parameters.AddWithValue("worker", query.WorkerId);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1) return true;
        }

        // Held already: free only when this worker holds it.
        await using var owner = tx.Command(
            "SELECT 1 FROM unique_value WHERE target = @target AND attribute = @attribute AND value_key = @key AND source_id = @source AND worker_id = @worker");
        owner.Parameters.AddWithValue("target", query.Target);
        owner.Parameters.AddWithValue("attribute", query.Attribute.Text);
        owner.Parameters.AddWithValue("key", key);
        owner.Parameters.AddWithValue("source", query.SourceId);
        owner.Parameters.AddWithValue("worker", query.WorkerId);
        return await owner.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Gives back the values the worker held in the target's unique attributes and no longer uses.</summary>
    public async Task ReleaseReplacedAsync(RuleTarget target, WorkerKey worker, JsonObject data, CancellationToken cancellationToken)
    {
        var unique = target.Mappings.Where(m => m.Source.Expression.SelectsUniqueValue).ToList();
        if (unique.Count == 0) return;
        await using var command = tx.Command(
            """
            DELETE FROM unique_value u
            USING unnest(@attributes, @keys) AS k(attribute, value_key)
            WHERE u.source_id = @source AND u.worker_id = @worker AND u.target = @target
              AND u.attribute = k.attribute AND u.value_key IS DISTINCT FROM k.value_key
            """);
        command.Parameters.AddWithValue("source", worker.SourceId);
        command.Parameters.AddWithValue("worker", worker.WorkerId);
        command.Parameters.AddWithValue("target", target.Name);
        command.Parameters.Add(new NpgsqlParameter<string[]>("attributes", unique.Select(m => m.Target.Text).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
        {
            Value = unique.Select(m => ScimData.Read(data, m.Target) is JsonValue value ? Key(value.TryGetValue<string>(out var text) ? text : value.ToJsonString()) : null).ToArray(),
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string Key(string value) => value.ToLowerInvariant();
}
