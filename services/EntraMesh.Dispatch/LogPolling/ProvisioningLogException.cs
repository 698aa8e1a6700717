namespace EntraMesh.Dispatch.LogPolling;

/// <summary>Graph refused a provisioning-log read.</summary>
public sealed class ProvisioningLogException(int statusCode, TimeSpan? retryAfter)
    : Exception($"Reading the provisioning logs failed with HTTP {statusCode}.")
{
    public int StatusCode { get; } = statusCode;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
