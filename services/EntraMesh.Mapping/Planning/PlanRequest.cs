using System.Diagnostics;
using EntraMesh.Mapping.Holding;

namespace EntraMesh.Mapping.Planning;

/// <summary>One worker to plan, with the new record (accepted) or the held change to release.</summary>
internal sealed record PlanRequest(PlanOrigin Origin, WorkerKey Worker, StoredRecord? Record = null, HeldChange? Hold = null)
{
    /// <summary>The span the event was published in, when there is one.</summary>
    public ActivityContext TraceParent { get; init; }

    public static PlanRequest Accepted(StoredRecord record, ActivityContext traceParent = default) =>
        new(PlanOrigin.Accepted, record.Worker, record) { TraceParent = traceParent };

    public static PlanRequest Replay(WorkerKey worker, ActivityContext traceParent = default) => new(PlanOrigin.Replay, worker) { TraceParent = traceParent };

    public static PlanRequest Release(WorkerKey worker, HeldChange hold) => new(PlanOrigin.Release, worker, Hold: hold);
}
