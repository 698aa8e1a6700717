using EntraMesh.Hosting.Outbox;
using EntraMesh.Reconciliation.Api.Replay;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Entra resolves <c>manager.value</c> only against users it already has, so a report sent in an earlier call than its
/// manager (a file listing reports before managers, a manager chain) fails with <c>UnableToResolveReferenceAttributeValue</c>.
/// Such a worker is planned again automatically, as an operator would replay it: in the transaction that records the
/// failure, a replay request is recorded and <c>ReplayWorkerRequested</c> published; by the time Entra's log showed the
/// failure, the manager's change has usually gone too. Bounded per worker and day, so a manager that never comes leaves the
/// worker visibly Failed.
/// </summary>
public sealed class ManagerReplays(IOptions<ReconciliationOptions> options, ReconciliationMetrics metrics)
{
    public const string ErrorCode = "UnableToResolveReferenceAttributeValue";
    public const string Principal = "entramesh (automatic)";

    /// <summary>Requests a replay of each worker still under the day's limit; returns how many were requested.</summary>
    public async Task<int> RequestAsync(OutboxTransaction tx, IReadOnlyCollection<WorkerKey> failed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = options.Value.UnresolvedManagerReplays;
        if (failed.Count == 0 || limit == 0) return 0;

        var earlier = new Dictionary<WorkerKey, int>();
        await using (var command = tx.Command(
            """
            SELECT r.source_id, r.worker_id, count(*) FROM replay_request r
            JOIN unnest(@sources::text[], @workers::text[]) AS k(source_id, worker_id) ON r.source_id = k.source_id AND r.worker_id = k.worker_id
            WHERE r.requested_by = @principal AND r.requested_at > @since
            GROUP BY r.source_id, r.worker_id
            """))
        {
            command.Parameters.Add(new NpgsqlParameter("sources", failed.Select(k => k.SourceId).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("workers", failed.Select(k => k.WorkerId).ToArray()));
            command.Parameters.AddWithValue("principal", Principal);
            command.Parameters.AddWithValue("since", now - TimeSpan.FromDays(1));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) earlier[new WorkerKey(reader.GetString(0), reader.GetString(1))] = (int)reader.GetInt64(2);
        }

        var due = failed.Where(worker => earlier.GetValueOrDefault(worker) < limit).ToList();
        if (due.Count == 0) return 0;
        foreach (var group in due.GroupBy(worker => earlier.GetValueOrDefault(worker) + 1))
        {
            var reason = $"its manager was not in Entra yet ({ErrorCode}); planned again automatically, attempt {group.Key} of {limit} today";
            await ReplayService.RecordAsync(tx, group.ToList(), Principal, reason, bulkId: null, now, cancellationToken);
        }

        metrics.Replayed(due.Count);
        return due.Count;
    }
}
