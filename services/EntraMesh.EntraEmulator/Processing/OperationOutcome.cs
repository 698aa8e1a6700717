using EntraMesh.EntraEmulator.BulkUpload;
using EntraMesh.EntraEmulator.Users;
using EntraMesh.EntraEmulator.ProvisioningLogs;

namespace EntraMesh.EntraEmulator.Processing;

/// <summary>What processing one operation did, gathered while the directory lock is held and turned into a log entry afterwards.</summary>
internal sealed class OperationOutcome(BulkOperation operation)
{
    public BulkOperation Operation { get; } = operation;

    public DirectoryUser? User { get; set; }

    public bool Created { get; set; }

    public string Action { get; set; } = "other";

    public string Status { get; set; } = "success";

    public string? ErrorCode { get; set; }

    public string? ErrorReason { get; set; }

    public string? ErrorCategory { get; set; }

    public string? RecommendedAction { get; set; }

    public List<ProvisioningStep> Steps { get; } = new(5);

    public List<ModifiedProperty> Modified { get; } = [];

    /// <summary>Export step text decided in the first phase, appended after reference resolution.</summary>
    public ProvisioningStep? Export { get; set; }

    public bool Failed => Status == "failure";

    public void Fail(string code, string reason, string category = "NonServiceFailure", string? recommendedAction = null)
    {
        Status = "failure";
        ErrorCode = code;
        ErrorReason = reason;
        ErrorCategory = category;
        RecommendedAction = recommendedAction;
    }

    public void Skip(string code, string reason)
    {
        Status = "skipped";
        ErrorCode = code;
        ErrorReason = reason;
    }
}
