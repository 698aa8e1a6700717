namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>One operation of a bulk request (always POST /Users): its position, bulkId and user.</summary>
public sealed record BulkOperation(int Index, string BulkId, ScimUser User);
