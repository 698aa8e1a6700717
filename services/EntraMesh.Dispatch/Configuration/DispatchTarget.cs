using EntraMesh.Dispatch.Credentials;

namespace EntraMesh.Dispatch.Configuration;

/// <summary>A validated target: where to get tokens, where to upload, where to read logs, and the tenant's budgets.</summary>
public sealed record DispatchTarget
{
    public required string Name { get; init; }
    public required string TenantId { get; init; }

    /// <summary>Budgets are shared per tenant key (see <see cref="Configuration.TenantKey"/>).</summary>
    public required string TenantKey { get; init; }

    public required Uri Authority { get; init; }
    public required string ClientId { get; init; }
    public required TargetCredential Credential { get; init; }
    public required string ServicePrincipalId { get; init; }
    public required string JobId { get; init; }
    public required Uri GraphBaseUrl { get; init; }
    public required string Scope { get; init; }
    public string? TrustedCertificatePath { get; init; }
    public required TenantLimits Limits { get; init; }

    public Uri BulkUploadUri => new($"{GraphBaseUrl.AbsoluteUri.TrimEnd('/')}/servicePrincipals/{ServicePrincipalId}/synchronization/jobs/{JobId}/bulkUpload");

    public Uri ProvisioningLogsUri => new($"{GraphBaseUrl.AbsoluteUri.TrimEnd('/')}/auditLogs/provisioning");

    public static DispatchTarget From(TargetOptions options, int index) => new()
    {
        Name = options.Name!,
        TenantId = options.TenantId!.Trim(),
        TenantKey = Configuration.TenantKey.Of(options),
        Authority = new Uri(options.EffectiveAuthority),
        ClientId = options.ClientId!.Trim(),
        Credential = CredentialResolver.Resolve(options, $"Dispatch:Targets:{index}"),
        ServicePrincipalId = options.ServicePrincipalId!,
        JobId = options.JobId!,
        GraphBaseUrl = new Uri(options.EffectiveGraphBaseUrl),
        Scope = options.Scope,
        TrustedCertificatePath = string.IsNullOrWhiteSpace(options.TrustedCertificatePath) ? null : options.TrustedCertificatePath,
        Limits = new TenantLimits(options.CallsPerWindow, options.RateWindow, options.DailyBudget, options.EffectiveLeaverReserve, options.WindowLeaverReserve),
    };
}
