using System.Text.Json;
using EntraMesh.Contracts;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Reconciliation.Events;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Telemetry;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Applies consumed messages (of one queue or of several, see <see cref="ProjectionWriter"/>) to the read model in one
/// transaction: claims their ids in the inbox, locks the workers they concern, applies every event in time order, and
/// writes workers, lanes, timeline, counts, latency, budget and unusable messages together; a worker that several of the
/// events concern is written once. A crash anywhere before the commit leaves nothing behind and the broker delivers the
/// messages again; after the commit the inbox absorbs the redelivery.
/// </summary>
public sealed partial class Projector(Outbox outbox, ManagerReplays managerReplays, TimeProvider time, ReconciliationMetrics metrics, ILogger<Projector> logger)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ApplyAsync(IReadOnlyList<IncomingMessage> messages, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        var now = EventTranslator.Utc(time.GetUtcNow());

        var fresh = await ClaimAsync(tx, messages, cancellationToken);
        metrics.Duplicates(messages.Count - fresh.Count);
        if (fresh.Count == 0) return;

        var changes = new ProjectionChanges { Shard = (short)Random.Shared.Next(CountRows.Shards) };
        // OrderBy is stable: events of one message keep their order.
        var events = fresh.SelectMany(message => message.Translation.Events).OrderBy(e => e.OccurredAt).ToList();
        var unresolvedManagers = new HashSet<WorkerKey>();
        if (events.Count > 0)
        {
            var keys = events.Select(e => e.Worker).Distinct().ToList();
            var projections = await ReadModelStore.LoadForUpdateAsync(tx.Transaction, keys, now, cancellationToken);
            var failedForManager = new HashSet<(WorkerKey Worker, string Target)>();
            foreach (var e in events)
            {
                var effect = Apply(projections[e.Worker], e, now, changes);
                if (effect == ApplyEffect.Applied && e is OutcomeObserved { Status: OutcomeStatus.Failure, ErrorCode: ManagerReplays.ErrorCode } outcome)
                {
                    failedForManager.Add((e.Worker, outcome.Target));
                }
            }

            // Only what still shows that failure once the whole batch is applied (a later event may have moved it on).
            foreach (var (worker, target) in failedForManager)
            {
                if (projections[worker].LaneOf(target) is { State: WorkerState.Failed, ErrorCode: ManagerReplays.ErrorCode }) unresolvedManagers.Add(worker);
            }

            Collect(projections.Values, changes);
        }

        foreach (var message in fresh)
        {
            if (message.Budget is { } budget) changes.Budgets.Add(budget);
            if (message.Translation.Invalid is { } reason) changes.Invalid.Add(Invalid(message, reason, now));
        }

        await ReadModelStore.WriteAsync(tx.Transaction, changes, cancellationToken);
        var replayed = await managerReplays.RequestAsync(tx, unresolvedManagers, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        Report(fresh.Count, changes);
        if (replayed > 0) LogManagerReplays(logger, replayed);
    }

    /// <summary>The messages not consumed before; events the service raises itself (no consumer) are always fresh.</summary>
    static async Task<IReadOnlyList<IncomingMessage>> ClaimAsync(
        OutboxTransaction tx, IReadOnlyList<IncomingMessage> messages, CancellationToken cancellationToken)
    {
        var keys = messages
            .Where(message => message is { MessageId: not null, Consumer: not null })
            .Select(message => (message.MessageId!.Value, message.Consumer!))
            .ToList();
        if (keys.Count == 0) return messages;
        var claimed = await InboxClaims.ClaimAsync(tx.Connection, tx.Transaction, keys, cancellationToken);
        var taken = new HashSet<(Guid, string)>();
        // A consumed message without an id cannot be de-duplicated; MassTransit always sets one, so this is only a safeguard.
        return messages.Where(message => message is not { MessageId: { } id, Consumer: { } consumer }
                                         || claimed.Contains((id, consumer)) && taken.Add((id, consumer))).ToList();
    }

    ApplyEffect Apply(WorkerProjection projection, PipelineEvent e, DateTimeOffset now, ProjectionChanges changes)
    {
        var effect = projection.Apply(e, now);
        metrics.Projected(e.Name, effect);
        // The stuck scan only leaves a line when it marked something.
        if (e is StuckDetected && effect != ApplyEffect.Applied) return effect;

        var target = e is LaneEvent lane ? lane.Target : null;
        var changeId = e is LaneEvent { ChangeId: { } id } ? id : (Guid?)null;
        changes.Timeline.Add(new TimelineEntry(
            e.Worker, target, e.Revision, e.Name, e.State, effect, e.OccurredAt, now, changeId, e.MessageId, e.TraceId,
            DetailJson.Of(Detail(projection, e, effect))));
        return effect;
    }

    /// <summary>What the event says, and for an unchanged revision which change the target keeps showing.</summary>
    static IReadOnlyDictionary<string, object?> Detail(WorkerProjection projection, PipelineEvent e, ApplyEffect effect)
    {
        var detail = e.Describe();
        if (effect != ApplyEffect.Unchanged || e is not LaneEvent { Target: var target } || projection.LaneOf(target) is not { } shown)
        {
            return detail;
        }

        return new Dictionary<string, object?>(detail)
        {
            ["unchangedFrom"] = new Dictionary<string, object?> { ["revision"] = shown.Revision, ["changeId"] = shown.ChangeId },
        };
    }

    static void Collect(IEnumerable<WorkerProjection> projections, ProjectionChanges changes)
    {
        foreach (var projection in projections.Where(projection => projection.Changed))
        {
            projection.Complete();
            changes.Workers.Add(projection.Worker);
            changes.Counts.Move(CountDeltas.WorkersScope, projection.InitialState, projection.Worker.State);
            foreach (var lane in projection.TouchedLanes)
            {
                changes.Lanes.Add((projection.Worker.Key, lane));
                changes.Counts.Move(lane.Target, projection.InitialLaneState(lane.Target), lane.State);
            }

            changes.Latency.AddRange(projection.LatencySamples);
        }
    }

    InvalidEvent Invalid(IncomingMessage message, string reason, DateTimeOffset now)
    {
        LogInvalidMessage(logger, message.MessageType, message.MessageId, reason);
        metrics.Invalid(message.MessageType);
        var detail = message.Translation.Identifiers is { } ids ? JsonSerializer.Serialize(ids, Json) : null;
        return new InvalidEvent(message.MessageId ?? Guid.Empty, message.Consumer ?? "", message.MessageType, reason, now, message.TraceId, detail);
    }

    void Report(int messages, ProjectionChanges changes)
    {
        metrics.Batch(messages);
        foreach (var sample in changes.Latency) metrics.Succeeded(sample);
        var stuck = changes.Timeline.Where(entry => entry is { Event: "StuckDetected", Effect: ApplyEffect.Applied }).ToList();
        foreach (var entry in stuck)
        {
            metrics.Stuck(entry.Target ?? "");
            LogStuckWorker(logger, entry.Worker.SourceId, entry.Worker.WorkerId, entry.Target ?? "");
        }

        if (stuck.Count > 0) LogStuck(logger, stuck.Count, stuck[0].Worker.SourceId, stuck[0].Worker.WorkerId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} worker(s) failed because their manager was not in Entra yet; planned again automatically")]
    static partial void LogManagerReplays(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept unusable {MessageType} message {MessageId} in invalid_event: {Reason}")]
    static partial void LogInvalidMessage(ILogger logger, string messageType, Guid? messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} submitted change(s) had no outcome in time and are now Stuck (e.g. worker {SourceId}/{WorkerId}); see /api/reconciliation/stuck")]
    static partial void LogStuck(ILogger logger, int count, string sourceId, string workerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {SourceId}/{WorkerId} is stuck in target {Target}: submitted, no outcome in time")]
    static partial void LogStuckWorker(ILogger logger, string sourceId, string workerId, string target);
}
