using System.Globalization;

namespace EntraMesh.Bench.Baseline;

/// <summary>
/// A second emulated tenant (Fabrikam) with one cloud provisioning job, for the CSV2SCIM-like baseline: Entra's limits
/// are per tenant, so the baseline and EntraMesh run against the same emulator without sharing a rate window or a
/// daily budget.
/// </summary>
public sealed record BaselineTenant(string ClientSecret)
{
    public const string TenantId = "9b3e1c52-6f4d-4a8e-b1f0-3c2d7e8a9f61";
    public const string DomainName = "fabrikam.onmicrosoft.com";
    public const string ClientId = "6d0c3a9e-2b7f-4e51-9a8d-0f4b2c6e1d73";
    public const string ServicePrincipalId = "c4a7e2d1-8f3b-4c60-b59e-7d1a2f3e4b58";
    public const string JobId = "API2AAD.9b3e1c526f4d4a8eb1f03c2d7e8a9f61.5e8d2c71-4a3f-4b9e-8c1d-6f2a7b3e9d04";

    public static BaselineTenant Create() => new(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    /// <summary>The emulator's settings for this tenant (index 1; the mesh's own tenant is index 0).</summary>
    public IReadOnlyDictionary<string, string> EmulatorSettings(int dailyCalls)
    {
        const string tenant = "Emulator__Tenants__1__";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [tenant + "Id"] = TenantId,
            [tenant + "DomainName"] = DomainName,
            [tenant + "DisplayName"] = "Fabrikam (CSV2SCIM baseline)",
            [tenant + "DailyCalls"] = dailyCalls.ToString(CultureInfo.InvariantCulture),
            [tenant + "Applications__0__DisplayName"] = "CSV2SCIM",
            [tenant + "Applications__0__ClientId"] = ClientId,
            [tenant + "Applications__0__ClientSecret"] = ClientSecret,
            [tenant + "Applications__0__Roles__0"] = "SynchronizationData-User.Upload",
            [tenant + "ProvisioningApps__0__DisplayName"] = "API-driven provisioning to Microsoft Entra ID",
            [tenant + "ProvisioningApps__0__ServicePrincipalId"] = ServicePrincipalId,
            [tenant + "ProvisioningApps__0__JobId"] = JobId,
            [tenant + "ProvisioningApps__0__Target"] = "Cloud",
            [tenant + "ProvisioningApps__0__NotificationEmail"] = "true",
            [tenant + "ProvisioningApps__0__UserPrincipalNameSuffix"] = "fabrikam.com",
        };
    }
}
