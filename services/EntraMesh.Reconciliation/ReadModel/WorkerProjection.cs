using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>
/// One worker and its lanes while events are applied to them: routes each event to the worker or to its target's
/// lane, keeps the current revision, and recomputes the overall state. Pure; the projector loads and stores it.
/// </summary>
public sealed class WorkerProjection
{
    readonly Dictionary<string, Lane> lanes;
    readonly HashSet<string> touchedLanes = new(StringComparer.Ordinal);
    readonly List<LatencySample> latencySamples = [];

    readonly Dictionary<string, WorkerState> initialLaneStates;

    public WorkerProjection(WorkerRecord worker, IEnumerable<Lane> lanes)
    {
        Worker = worker;
        this.lanes = lanes.ToDictionary(lane => lane.Target, StringComparer.Ordinal);
        InitialState = worker.IsNew ? null : worker.State;
        initialLaneStates = this.lanes.Values.ToDictionary(lane => lane.Target, lane => lane.State, StringComparer.Ordinal);
    }

    public WorkerRecord Worker { get; }

    /// <summary>The overall state as loaded (null for a worker this batch created), for the counts by state.</summary>
    public WorkerState? InitialState { get; }

    /// <summary>A lane's state as loaded (null for a lane this batch created).</summary>
    public WorkerState? InitialLaneState(string target) =>
        initialLaneStates.TryGetValue(target, out var state) ? state : null;

    public IReadOnlyCollection<Lane> Lanes => lanes.Values;

    /// <summary>The worker's lane in a target, if it has one.</summary>
    public Lane? LaneOf(string target) => lanes.GetValueOrDefault(target);

    /// <summary>Lanes an event touched (to be stored).</summary>
    public IEnumerable<Lane> TouchedLanes => touchedLanes.Select(target => lanes[target]).Where(lane => lane.Stage != Stage.None);

    /// <summary>Something changed that must be stored.</summary>
    public bool Changed { get; private set; }

    /// <summary>Targets that reached Succeeded with a known accepted time since this projection was loaded.</summary>
    public IReadOnlyList<LatencySample> LatencySamples => latencySamples;

    public ApplyEffect Apply(PipelineEvent e, DateTimeOffset now)
    {
        var effect = e switch
        {
            RecordAccepted accepted => ApplyAccepted(accepted),
            WorkerSkipped skipped => ApplyWorkerSkipped(skipped),
            LaneEvent laneEvent => ApplyLane(laneEvent, now),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "unknown pipeline event"),
        };

        if (effect == ApplyEffect.NotApplicable) return effect;
        Changed = true;
        // An unchanged revision moves the worker (its target counts again at its latest revision), not the target.
        if (effect is ApplyEffect.Applied or ApplyEffect.Unchanged)
        {
            Worker.UpdatedAt = now;
            if (e.Revision == Worker.Revision) Worker.TraceId = e.TraceId ?? Worker.TraceId;
        }

        return effect;
    }

    /// <summary>Derives the overall state once every event of the batch is applied.</summary>
    public void Complete() => OverallState.Compute(Worker, lanes.Values);

    ApplyEffect ApplyAccepted(RecordAccepted accepted)
    {
        // Lanes of that revision learn when it was accepted, whatever the worker's current revision.
        foreach (var lane in lanes.Values.Where(lane => lane.Revision == accepted.Revision && lane.AcceptedAt is null && lane.Stage != Stage.None))
        {
            lane.AcceptedAt = accepted.OccurredAt;
            touchedLanes.Add(lane.Target);
            RecordLatency(lane);
        }

        if (accepted.Revision < Worker.Revision) return ApplyEffect.OlderRevision;
        if (accepted.Revision > Worker.Revision) Worker.StartRevision(accepted.Revision, accepted.OccurredAt);

        Worker.NoteRevisionEvent(accepted.OccurredAt);
        var filled = Worker.AcceptedAt is null;
        if (filled)
        {
            Worker.AcceptedAt = accepted.OccurredAt;
            Worker.RecordId = accepted.RecordId;
            Worker.EffectiveAt = accepted.EffectiveAt;
            Worker.Terminated = accepted.Terminated;
            Worker.Channel = accepted.Channel;
        }

        if (Worker.BaseState is null)
        {
            Worker.BaseState = WorkerState.Accepted;
            Worker.BaseAt = accepted.OccurredAt;
            return ApplyEffect.Applied;
        }

        return filled ? ApplyEffect.Applied : ApplyEffect.AlreadyFurther;
    }

    ApplyEffect ApplyWorkerSkipped(WorkerSkipped skipped)
    {
        if (skipped.Revision < Worker.Revision) return ApplyEffect.OlderRevision;
        if (skipped.Revision > Worker.Revision) Worker.StartRevision(skipped.Revision, skipped.OccurredAt);
        Worker.NoteRevisionEvent(skipped.OccurredAt);

        var current = BaseStage(Worker.BaseState);
        var incoming = BaseStage(skipped.State);
        var wins = incoming > current || incoming == current && skipped.OccurredAt > Worker.BaseAt;
        if (!wins) return ApplyEffect.AlreadyFurther;

        Worker.BaseState = skipped.State;
        Worker.BaseAt = skipped.OccurredAt;
        Worker.BaseSkipReason = skipped.Reason.ToString();
        Worker.BaseSkipDetail = skipped.Detail;
        Worker.BaseHeldUntil = skipped.HeldUntil;
        Worker.RecordId ??= skipped.RecordId;
        return ApplyEffect.Applied;
    }

    static int BaseStage(WorkerState? state) => state switch
    {
        null => Stage.None,
        WorkerState.Accepted => Stage.Accepted,
        WorkerState.Held => Stage.Held,
        _ => Stage.Decided,
    };

    ApplyEffect ApplyLane(LaneEvent e, DateTimeOffset now)
    {
        if (!lanes.TryGetValue(e.Target, out var lane))
        {
            if (e is StuckDetected) return ApplyEffect.NotApplicable;
            lane = new Lane { Target = e.Target, IsNew = true, FirstSeenAt = now, UpdatedAt = now };
            lanes.Add(e.Target, lane);
        }

        if (e.Revision > Worker.Revision) Worker.StartRevision(e.Revision, e.OccurredAt);
        if (e.Revision == Worker.Revision && e is not StuckDetected) Worker.NoteRevisionEvent(e.OccurredAt);

        var acceptedAt = e.Revision == Worker.Revision ? Worker.AcceptedAt : null;
        var effect = LaneTransitions.Apply(lane, e, acceptedAt);
        if (effect == ApplyEffect.NotApplicable) return effect;

        if (lane.AcceptedAt is null && lane.Revision == Worker.Revision) lane.AcceptedAt = Worker.AcceptedAt;
        if (effect == ApplyEffect.Applied) lane.UpdatedAt = now;
        touchedLanes.Add(lane.Target);
        RecordLatency(lane);
        return effect;
    }

    void RecordLatency(Lane lane)
    {
        if (lane.State != WorkerState.Succeeded || lane.LatencyRecorded || lane.AcceptedAt is not { } acceptedAt || lane.CompletedAt is not { } succeededAt)
        {
            return;
        }

        lane.LatencyRecorded = true;
        var latency = succeededAt - acceptedAt;
        latencySamples.Add(new LatencySample(lane.Target, succeededAt, latency < TimeSpan.Zero ? TimeSpan.Zero : latency));
    }
}
