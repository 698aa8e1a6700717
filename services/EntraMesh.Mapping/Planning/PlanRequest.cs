using EntraMesh.Mapping.Holding;

namespace EntraMesh.Mapping.Planning;

/// <summary>Why a worker is planned: a new record, an operator's replay, or a held change that came due.</summary>
internal enum PlanOrigin
{
    Accepted,
    Replay,
    Release,
}

/// <summary>One worker to plan, with the new record (accepted) or the held change to release.</summary>
internal sealed record PlanRequest(PlanOrigin Origin, WorkerKey Worker, StoredRecord? Record = null, HeldChange? Hold = null)
{
    public static PlanRequest Accepted(StoredRecord record) => new(PlanOrigin.Accepted, record.Worker, record);

    public static PlanRequest Replay(WorkerKey worker) => new(PlanOrigin.Replay, worker);

    public static PlanRequest Release(WorkerKey worker, HeldChange hold) => new(PlanOrigin.Release, worker, Hold: hold);
}
