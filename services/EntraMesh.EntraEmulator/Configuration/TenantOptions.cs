namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>One simulated tenant: its app registrations, provisioning apps (one job each) and seeded users.</summary>
public sealed class TenantOptions
{
    /// <summary>Tenant id (GUID); the <c>tid</c> of its tokens.</summary>
    public string Id { get; set; } = "";

    /// <summary>Initial domain, e.g. <c>contoso.onmicrosoft.com</c>; usable instead of the id in authority URLs.</summary>
    public string DomainName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>Overrides <c>Emulator:Limits:DailyCalls</c> for this tenant (P1/P2: 2,000, Governance: 6,000).</summary>
    public int? DailyCalls { get; set; }

    public List<AppRegistrationOptions> Applications { get; set; } = [];

    public List<ProvisioningAppOptions> ProvisioningApps { get; set; } = [];

    public List<SeedUserOptions> Users { get; set; } = [];
}
