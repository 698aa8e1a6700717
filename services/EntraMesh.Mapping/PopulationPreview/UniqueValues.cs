using EntraMesh.Mapping.Planning;
using EntraMesh.Mapping.Rules.Evaluation;
using Npgsql;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>The values SelectUniqueValue handed out, read once per preview: a value is free unless another worker holds it.</summary>
internal sealed class UniqueValues(Dictionary<(string Target, string Attribute, string Key), WorkerKey> holders)
{
    public bool IsFree(UniqueValueQuery query, WorkerKey worker) =>
        !holders.TryGetValue((query.Target, query.Attribute.Text, UniqueValueClaims.Key(query.Value)), out var holder) || holder == worker;

    public static async Task<UniqueValues> LoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<(string, string, string), WorkerKey>();
        await using var command = dataSource.CreateCommand("SELECT target, attribute, value_key, source_id, worker_id FROM unique_value");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            holders[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = new WorkerKey(reader.GetString(3), reader.GetString(4));
        }

        return new UniqueValues(holders);
    }
}
