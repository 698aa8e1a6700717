namespace EntraMesh.EmulatorBench;

/// <summary>One timed run: accepted calls per second, latencies, errors, and how fast the emulator processed what it accepted.</summary>
public sealed record RunResult(double CallsPerSecond, int Calls, int Errors, double P50Milliseconds, double P99Milliseconds,
    double OperationsProcessedPerSecond, TimeSpan DrainTime, string LoadBefore)
{
    public override string ToString() =>
        $"{CallsPerSecond:0} calls/s ({CallsPerSecond * 50:0} operations/s accepted), {Errors} errors, latency p50 {P50Milliseconds:0.0} ms p99 {P99Milliseconds:0.0} ms, "
        + $"processed {OperationsProcessedPerSecond:0} operations/s (drained {DrainTime.TotalMilliseconds:0} ms after the run), load average before {LoadBefore}";
}
