namespace EntraMesh.EntraEmulator.Diagnostics;

/// <summary>bulkUpload operations: accepted (in 202 answers), still staged, and processed by outcome.</summary>
public sealed record OperationCounts(long Accepted, long Pending, long Success, long Failure, long Skipped, long Warning)
{
    public long Processed => Success + Failure + Skipped + Warning;
}
