namespace EntraMesh.RulesBench;

/// <summary>One timed pass over all records.</summary>
internal sealed record RunResult(TimeSpan Elapsed, long AllocatedBytes, int Records, int Selected, int Errors, long JsonBytes)
{
    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;

    public double BytesPerRecord => (double)AllocatedBytes / Records;
}
