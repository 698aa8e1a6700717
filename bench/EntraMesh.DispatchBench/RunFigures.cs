namespace EntraMesh.DispatchBench;

/// <summary>What one run measured. Times are the emulator's arrival times of the accepted calls.</summary>
public sealed record RunFigures(
    bool Limited,
    int Calls,
    int MinOperationsPerCall,
    int MaxOperationsPerCall,
    long Throttled,
    int MostCallsInAnyWindow,
    TimeSpan FirstToLastCall,
    TimeSpan PendingToAccepted,
    TimeSpan MedianRoundTrip,
    string PacingLateness,
    string LoadBefore)
{
    /// <summary>Limited runs: the time an ideal client at exactly 40 calls per 5 s needs after its first window, over ours.</summary>
    public double ShareOfAllowedRate => Calls <= BenchOptions.CallsPerWindow || FirstToLastCall <= TimeSpan.Zero
        ? 0
        : (Calls - BenchOptions.CallsPerWindow) * BenchOptions.Window.TotalSeconds / BenchOptions.CallsPerWindow / FirstToLastCall.TotalSeconds;

    public double CallsPerSecond => FirstToLastCall <= TimeSpan.Zero ? 0 : (Calls - 1) / FirstToLastCall.TotalSeconds;

    /// <summary>Operations from the first reservation to the last accepted answer, per second.</summary>
    public double OperationsPerSecond(int changes) => PendingToAccepted <= TimeSpan.Zero ? 0 : changes / PendingToAccepted.TotalSeconds;
}
