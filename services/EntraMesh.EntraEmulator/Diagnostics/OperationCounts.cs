namespace EntraMesh.EntraEmulator.Diagnostics;

/// <summary>bulkUpload operations: accepted (in 202 answers), still staged, processed by outcome, and purged by job restarts.</summary>
public sealed record OperationCounts(long Accepted, long Pending, long Success, long Failure, long Skipped, long Warning, long Purged = 0)
{
    public long Processed => Success + Failure + Skipped + Warning;
}
