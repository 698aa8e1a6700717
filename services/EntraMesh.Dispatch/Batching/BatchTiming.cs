using EntraMesh.Dispatch.Configuration;

namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// How long a partial batch may wait: <see cref="Window"/> and <see cref="MaxDelay"/> when it holds a leaver, joiner or
/// rehire (people waiting for access, or access to take away), the routine ones when it holds only movers and updates.
/// </summary>
public sealed record BatchTiming(int BatchSize, TimeSpan Window, TimeSpan MaxDelay, TimeSpan RoutineWindow, TimeSpan RoutineMaxDelay)
{
    public static BatchTiming From(DispatchOptions options) =>
        new(options.MaxOperationsPerCall, options.BatchWindow, options.BatchMaxDelay, options.RoutineBatchWindow, options.RoutineBatchMaxDelay);
}
