using EntraMesh.EntraEmulator.BulkUpload;

namespace EntraMesh.EntraEmulator.Processing;

/// <summary>The operations of one accepted bulkUpload call, staged for the job's processor.</summary>
public sealed record AcceptedBatch(IReadOnlyList<BulkOperation> Operations, DateTimeOffset AcceptedAt, string RequestId, long Generation);
