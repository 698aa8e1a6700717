namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>A bulk request that violates the bulkUpload contract; answered 400 naming <see cref="Field"/> and the reason.</summary>
public sealed class BulkRequestException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
