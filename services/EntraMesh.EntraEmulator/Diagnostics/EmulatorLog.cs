namespace EntraMesh.EntraEmulator.Diagnostics;

/// <summary>The emulator's log messages. Never a secret, never a person's data: ids, paths and counts only.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(1, LogLevel.Information, "Entra emulator listening on {Addresses}; state folder {StateDirectory}; certificate (PEM) {CertificatePath}, SHA-1 thumbprint {Thumbprint}; manifest {ManifestPath}")]
    public static partial void Started(ILogger logger, string addresses, string stateDirectory, string certificatePath, string thumbprint, string manifestPath);

    [LoggerMessage(2, LogLevel.Information, "Generated a client secret for app {ClientId}; it is in {SecretPath} (owner-only)")]
    public static partial void SecretGenerated(ILogger logger, string clientId, string secretPath);

    [LoggerMessage(3, LogLevel.Error, "Processing an operation of job {JobId} for externalId {ExternalId} failed")]
    public static partial void OperationFailed(ILogger logger, Exception error, string jobId, string externalId);

    [LoggerMessage(4, LogLevel.Error, "The processing loop of job {JobId} failed; it continues")]
    public static partial void ProcessingLoopFailed(ILogger logger, Exception error, string jobId);

    [LoggerMessage(5, LogLevel.Debug, "bulkUpload to job {JobId} accepted: {Operations} operations, request {RequestId}")]
    public static partial void BatchAccepted(ILogger logger, string jobId, int operations, string requestId);

    [LoggerMessage(6, LogLevel.Information, "bulkUpload to job {JobId} throttled ({Limit}); retry after {RetryAfterSeconds} s")]
    public static partial void Throttled(ILogger logger, string jobId, string limit, int retryAfterSeconds);

    [LoggerMessage(7, LogLevel.Information, "bulkUpload to job {JobId} rejected: {Field}: {Reason}")]
    public static partial void BatchRejected(ILogger logger, string jobId, string field, string reason);

    [LoggerMessage(8, LogLevel.Information, "Token issued to app {ClientId} of tenant {TenantId} ({Credential}), roles {Roles}")]
    public static partial void TokenIssued(ILogger logger, string clientId, string tenantId, string credential, string roles);

    [LoggerMessage(9, LogLevel.Information, "Token request refused: {Error} {ErrorCode} for client {ClientId}")]
    public static partial void TokenRefused(ILogger logger, string error, int errorCode, string? clientId);

    [LoggerMessage(10, LogLevel.Information, "Inspection: {Action}")]
    public static partial void Inspection(ILogger logger, string action);

    [LoggerMessage(12, LogLevel.Warning, "The manifest {ManifestPath} could not be written")]
    public static partial void ManifestFailed(ILogger logger, Exception error, string manifestPath);

    [LoggerMessage(11, LogLevel.Warning, "Injected fault {Fault} on {Endpoint} {Path}")]
    public static partial void FaultInjected(ILogger logger, string fault, string endpoint, string path);

    [LoggerMessage(13, LogLevel.Information, "Tenant journal {JournalPath}: {Users} users, {LogEntries} log entries and {StagedUploads} staged uploads recovered")]
    public static partial void JournalRecovered(ILogger logger, string journalPath, int users, int logEntries, int stagedUploads);

    [LoggerMessage(14, LogLevel.Warning, "Tenant journal {JournalPath}: line {Line} cannot be read ({Problem}); it and what follows are ignored (the process died while writing it)")]
    public static partial void JournalTorn(ILogger logger, string journalPath, int line, string problem);

    [LoggerMessage(15, LogLevel.Warning, "Tenant journal: staged upload {RequestId} of job {JobId} cannot be staged again: {Problem}")]
    public static partial void JournalUploadDropped(ILogger logger, string requestId, string jobId, string problem);
}
