namespace EntraMesh.EntraEmulator.Graph;

/// <summary>The application roles (permissions) each Graph endpoint accepts; any one of a set suffices.</summary>
public static class GraphRoles
{
    public const string Upload = "SynchronizationData-User.Upload";
    public const string UploadOwnedBy = "SynchronizationData-User.Upload.OwnedBy";
    public const string ProvisioningLogRead = "ProvisioningLog.Read.All";
    public const string AuditLogRead = "AuditLog.Read.All";
    public const string SynchronizationRead = "Synchronization.Read.All";
    public const string SynchronizationReadWrite = "Synchronization.ReadWrite.All";
    public const string ApplicationReadWriteOwnedBy = "Application.ReadWrite.OwnedBy";
    public const string ApplicationReadWrite = "Application.ReadWrite.All";

    public static readonly string[] BulkUpload = [Upload, UploadOwnedBy];
    public static readonly string[] ProvisioningLogs = [ProvisioningLogRead, AuditLogRead];
    public static readonly string[] ReadJobs = [SynchronizationRead, SynchronizationReadWrite, ApplicationReadWriteOwnedBy, ApplicationReadWrite];
    public static readonly string[] ControlJobs = [SynchronizationReadWrite, ApplicationReadWriteOwnedBy, ApplicationReadWrite];
    public static readonly string[] ReadUsers = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
}
