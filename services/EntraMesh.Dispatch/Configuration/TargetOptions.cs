namespace EntraMesh.Dispatch.Configuration;

/// <summary>
/// <c>Dispatch:Targets:&lt;i&gt;</c>: one provisioning target (an Entra provisioning app and its job). The credential is
/// a client secret, a certificate (PEM files), or a mounted Secret folder; it comes from the environment or mounted
/// files, never from the repository, and is never logged.
/// </summary>
public sealed class TargetOptions
{
    public const string DefaultAuthority = "https://login.microsoftonline.com";
    public const string DefaultGraphBaseUrl = "https://graph.microsoft.com/v1.0";
    public const string DefaultScope = "https://graph.microsoft.com/.default";

    /// <summary>The target name the mapping rules use (e.g. <c>cloud</c>, <c>onpremises</c>).</summary>
    public string? Name { get; set; }

    /// <summary>Entra tenant id or domain; calls are budgeted per tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>The identity platform, without the tenant. Empty: <see cref="DefaultAuthority"/> (or EmulatorBaseUrl).</summary>
    public string? Authority { get; set; }

    /// <summary>Application (client) id of the app registration.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (secret: from the environment or a mounted file).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>PEM certificate of the app registration, with <see cref="CertificateKeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>
    /// A mounted Secret folder holding <c>&lt;name&gt;-client-secret</c>, or <c>&lt;name&gt;-certificate.pem</c> and
    /// <c>&lt;name&gt;-private-key.pem</c>.
    /// </summary>
    public string? CredentialDirectory { get; set; }

    /// <summary>Object id of the provisioning app's service principal.</summary>
    public string? ServicePrincipalId { get; set; }

    /// <summary>The synchronization job id (<c>API2AAD.…</c> for the cloud, <c>API2AD.…</c> for on-premises AD).</summary>
    public string? JobId { get; set; }

    /// <summary>Graph root including the version. Empty: <see cref="DefaultGraphBaseUrl"/> (or EmulatorBaseUrl + /v1.0).</summary>
    public string? GraphBaseUrl { get; set; }

    /// <summary>A local Entra emulator's base URL: shorthand for Authority = it and GraphBaseUrl = it + <c>/v1.0</c>.</summary>
    public string? EmulatorBaseUrl { get; set; }

    /// <summary>Token scope.</summary>
    public string Scope { get; set; } = DefaultScope;

    /// <summary>A PEM certificate to accept from the identity platform and Graph besides the system's trust (a local emulator's).</summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>Calls per rolling 24 hours for the tenant: 2000 (Entra ID P1/P2) or 6000 (Entra ID Governance).</summary>
    public int DailyBudget { get; set; } = 2000;

    /// <summary>Calls of the daily budget kept for leavers. Empty: 5% of the daily budget.</summary>
    public int? LeaverReserve { get; set; }

    /// <summary>Calls allowed per <see cref="RateWindow"/> for the tenant (Entra: 40).</summary>
    public int CallsPerWindow { get; set; } = 40;

    /// <summary>The rate window (Entra: 5 seconds).</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Calls of every rate window kept for leavers: other changes use at most CallsPerWindow minus this many, so a
    /// termination never waits for a window filled by a backlog of updates.
    /// </summary>
    public int WindowLeaverReserve { get; set; } = 1;

    public int EffectiveLeaverReserve => LeaverReserve ?? Math.Max(1, DailyBudget / 20);

    public string EffectiveAuthority => !string.IsNullOrWhiteSpace(Authority) ? Authority.TrimEnd('/')
        : !string.IsNullOrWhiteSpace(EmulatorBaseUrl) ? EmulatorBaseUrl.TrimEnd('/')
        : DefaultAuthority;

    public string EffectiveGraphBaseUrl => !string.IsNullOrWhiteSpace(GraphBaseUrl) ? GraphBaseUrl.TrimEnd('/')
        : !string.IsNullOrWhiteSpace(EmulatorBaseUrl) ? EmulatorBaseUrl.TrimEnd('/') + "/v1.0"
        : DefaultGraphBaseUrl;
}
