namespace EntraMesh.Dispatch.Sending;

/// <summary>Maps Entra's answer to what happens to the call's operations.</summary>
public static class FailurePolicy
{
    public static FailureAction Decide(BulkUploadResult result, int operations, bool tokenWasFresh) => result.StatusCode switch
    {
        >= 200 and < 300 => FailureAction.Accepted,
        400 or 413 or 422 => operations > 1 ? FailureAction.Split : FailureAction.Reject,
        401 => tokenWasFresh ? FailureAction.StopTarget : FailureAction.RefreshToken,
        403 or 404 => FailureAction.StopTarget,
        429 => FailureAction.Throttled,
        _ => FailureAction.Transient,
    };

    /// <summary>Why a target stopped, in words an operator can act on.</summary>
    public static string StopReason(BulkUploadResult result) => result.StatusCode switch
    {
        401 => $"Entra refused a freshly issued token (401): check the app registration and its credential. {result.Describe()}",
        403 => $"Entra refused the upload (403): grant the app SynchronizationData-User.Upload and ProvisioningLog.Read.All with admin consent. {result.Describe()}",
        404 => $"Entra does not know the service principal or job (404): check ServicePrincipalId and JobId. {result.Describe()}",
        _ => result.Describe(),
    };
}
