using System.Threading.Channels;
using EntraMesh.Mapping.Planning;
using Npgsql;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>A known worker as the population preview reads it: its last accepted record and the targets it was planned in.</summary>
internal sealed record StoredWorker(
    WorkerKey Worker, string Attributes, DateOnly? HireDate, DateOnly? TerminationDate, bool Terminated, IReadOnlySet<string> PlannedTargets)
{
    /// <summary>Streams every worker with a record into <paramref name="writer"/>, in one read-only query.</summary>
    public static async Task ReadAllAsync(NpgsqlDataSource dataSource, ChannelWriter<StoredWorker> writer, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT w.source_id, w.worker_id, w.attributes::text, w.hire_date, w.termination_date, w.terminated,
                   ARRAY(SELECT p.target FROM planned_identity p WHERE p.source_id = w.source_id AND p.worker_id = w.worker_id)
            FROM worker_record w
            WHERE w.revision > 0
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await writer.WriteAsync(new StoredWorker(
                new WorkerKey(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
                reader.GetBoolean(5),
                new HashSet<string>(reader.GetFieldValue<string[]>(6), StringComparer.Ordinal)), cancellationToken);
        }
    }
}
