using EntraMesh.Contracts;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Observability;
using EntraMesh.Hosting.Outbox;
using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch.LogPolling;

/// <summary>
/// Turns one page of provisioning-log entries into <see cref="ProvisioningOutcomeObserved"/> events, in one
/// transaction with the log ids it handled (so a page read again publishes nothing twice). Nothing links a log entry
/// to a bulkId; as Microsoft documents, an entry belongs to the latest call that carried the same externalId to the
/// same job no later than the entry's activity time (within <c>Dispatch:LogPolling:ClockSkew</c>).
/// </summary>
public sealed class OutcomeMatcher(Outbox outbox, DispatchMetrics metrics, IOptions<DispatchOptions> options, TimeProvider time)
{
    /// <summary>Handles the entries not seen before; returns how many were matched to an operation.</summary>
    public async Task<int> HandleAsync(DispatchTarget target, IReadOnlyList<ProvisioningLogEntry> page, CancellationToken cancellationToken)
    {
        var entries = page.Where(e => e.JobId is null || string.Equals(e.JobId, target.JobId, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(e => e.Id).ToList();
        if (entries.Count == 0) return 0;

        await using var tx = await outbox.BeginAsync(cancellationToken);
        // Matched before the log ids are recorded, so that each is written once, saying whether it matched. (Polls rarely
        // read an entry twice: see JobWatermarks.ReadFromAsync.)
        var matches = await MatchAsync(tx, target, entries, cancellationToken);
        var fresh = await ClaimUnseenAsync(tx, target, entries, matches, cancellationToken);
        if (fresh.Count == 0) return 0;

        var observedAt = time.GetUtcNow();
        var shown = new List<Match>();
        foreach (var entry in fresh)
        {
            if (!matches.TryGetValue(entry.Id, out var match)) continue;
            shown.Add(match);
            tx.Publish(new ProvisioningOutcomeObserved
            {
                SourceId = match.SourceId,
                WorkerId = match.WorkerId,
                Revision = match.Revision,
                RecordId = match.RecordId,
                ChangeId = match.ChangeId,
                SubmissionId = match.CallId,
                Target = target.Name,
                JobId = target.JobId,
                LogId = entry.Id,
                Action = entry.Action,
                Status = entry.Status,
                ErrorCode = entry.ErrorCode,
                ErrorReason = entry.ErrorReason,
                ActivityAt = entry.ActivityAt,
                TargetObjectId = entry.TargetObjectId,
                ObservedAt = observedAt,
            });
        }

        if (shown.Count > 0)
        {
            // The operations shown are no longer waited for: the next poll need not read back to them (JobWatermarks).
            // Several calls that carried one change are all done with it.
            await using var observed = tx.Command(
                "UPDATE call_operation SET observed_at = @observed WHERE call_id = ANY(@calls) AND change_id = ANY(@changes) AND observed_at IS NULL");
            observed.Parameters.AddWithValue("observed", observedAt);
            observed.Parameters.AddWithValue("calls", shown.Select(m => m.CallId).Distinct().ToArray());
            observed.Parameters.AddWithValue("changes", shown.Select(m => m.ChangeId).Distinct().ToArray());
            await observed.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        foreach (var entry in fresh)
        {
            if (matches.ContainsKey(entry.Id)) metrics.OutcomeObserved(target.Name, entry.Status);
            else metrics.Unmatched(target.Name);
        }

        return shown.Count;
    }

    sealed record Match(Guid ChangeId, Guid RecordId, string SourceId, string WorkerId, long Revision, Guid CallId);

    /// <summary>
    /// Records the entries' log ids; returns those not recorded before. A concurrent transaction recording the same
    /// id waits for this one and then finds it, so an entry is never handled twice.
    /// </summary>
    static async Task<List<ProvisioningLogEntry>> ClaimUnseenAsync(
        OutboxTransaction tx, DispatchTarget target, List<ProvisioningLogEntry> entries, Dictionary<string, Match> matches, CancellationToken cancellationToken)
    {
        await using var command = tx.Command(
            """
            INSERT INTO observed_log_entry (target, log_id, activity_at, matched)
            SELECT @target, log_id, activity_at, matched FROM unnest(@ids, @activities, @matched) AS e(log_id, activity_at, matched)
            ON CONFLICT DO NOTHING
            RETURNING log_id
            """);
        command.Parameters.AddWithValue("target", target.Name);
        command.Parameters.AddWithValue("ids", entries.Select(e => e.Id).ToArray());
        command.Parameters.AddWithValue("activities", entries.Select(e => e.ActivityAt).ToArray());
        command.Parameters.AddWithValue("matched", entries.Select(e => matches.ContainsKey(e.Id)).ToArray());
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) claimed.Add(reader.GetString(0));
        return entries.Where(e => claimed.Contains(e.Id)).ToList();
    }

    async Task<Dictionary<string, Match>> MatchAsync(
        OutboxTransaction tx, DispatchTarget target, List<ProvisioningLogEntry> entries, CancellationToken cancellationToken)
    {
        var matchable = entries.Where(e => !string.IsNullOrEmpty(e.ExternalId)).ToList();
        var matches = new Dictionary<string, Match>(StringComparer.Ordinal);
        if (matchable.Count == 0) return matches;

        await using var command = tx.Command(
            """
            SELECT DISTINCT ON (e.log_id) e.log_id, o.change_id, o.record_id, o.source_id, o.worker_id, o.revision, co.call_id
            FROM unnest(@ids, @externals, @activities) AS e(log_id, external_id, activity_at)
            CROSS JOIN LATERAL (
                SELECT change_id, call_id FROM call_operation
                WHERE target = @target AND external_id = e.external_id AND sent_at <= e.activity_at + @skew
                ORDER BY sent_at DESC LIMIT 1) AS co
            JOIN operation o ON o.change_id = co.change_id
            ORDER BY e.log_id
            """);
        command.Parameters.AddWithValue("target", target.Name);
        command.Parameters.AddWithValue("ids", matchable.Select(e => e.Id).ToArray());
        command.Parameters.AddWithValue("externals", matchable.Select(e => e.ExternalId!).ToArray());
        command.Parameters.AddWithValue("activities", matchable.Select(e => e.ActivityAt).ToArray());
        command.Parameters.AddWithValue("skew", options.Value.LogPolling.ClockSkew);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            matches[reader.GetString(0)] = new Match(reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.GetGuid(6));
        }

        return matches;
    }
}
