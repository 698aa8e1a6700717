using EntraMesh.EntraEmulator.Faults;

namespace EntraMesh.EntraEmulator.Diagnostics;

/// <summary>Which emulated endpoint a path belongs to; null for everything else (health, metrics, OpenAPI, <c>/_emulator/</c>).</summary>
public static class EndpointClassifier
{
    public static EmulatorEndpoint? Classify(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value.Length < 3) return null;
        if (value.StartsWith("/v1.0/", StringComparison.OrdinalIgnoreCase) || value.StartsWith("/beta/", StringComparison.OrdinalIgnoreCase))
        {
            if (value.EndsWith("/bulkUpload", StringComparison.OrdinalIgnoreCase)) return EmulatorEndpoint.BulkUpload;
            if (value.Contains("/auditLogs/provisioning", StringComparison.OrdinalIgnoreCase)) return EmulatorEndpoint.ProvisioningLogs;
            if (value.Contains("/synchronization/", StringComparison.OrdinalIgnoreCase)) return EmulatorEndpoint.JobStatus;
            if (value.Contains("/users", StringComparison.OrdinalIgnoreCase)) return EmulatorEndpoint.Users;
            return null;
        }

        if (value.StartsWith("/_emulator", StringComparison.OrdinalIgnoreCase) || value.StartsWith("/health", StringComparison.OrdinalIgnoreCase)) return null;
        if (value.EndsWith("/oauth2/v2.0/token", StringComparison.OrdinalIgnoreCase) || value.EndsWith("/oauth2/token", StringComparison.OrdinalIgnoreCase))
        {
            return EmulatorEndpoint.Token;
        }

        if (value.Contains("/.well-known/openid-configuration", StringComparison.OrdinalIgnoreCase)
            || value.Contains("/discovery/", StringComparison.OrdinalIgnoreCase))
        {
            return EmulatorEndpoint.Metadata;
        }

        return null;
    }
}
