namespace EntraMesh.Mapping.Planning;

/// <summary>Why a worker is planned: a new record, an operator's replay, or a held change that came due.</summary>
internal enum PlanOrigin
{
    Accepted,
    Replay,
    Release,
}
