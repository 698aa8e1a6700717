using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Users;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.ProvisioningLogs;
using EntraMesh.EntraEmulator.RateLimits;

namespace EntraMesh.EntraEmulator.Tenancy;

/// <summary>One simulated tenant at run time: app registrations, jobs, directory, provisioning log and rate budget.</summary>
public sealed class EmulatorTenant
{
    readonly List<ProvisioningJob> jobs = [];

    public EmulatorTenant(TenantOptions options, IReadOnlyList<RegisteredApp> apps, EmulatorOptions emulator)
    {
        Options = options;
        Apps = apps;
        AppsByClientId = apps.ToDictionary(app => app.ClientId, StringComparer.OrdinalIgnoreCase);
        Logs = new ProvisioningLogStore(emulator.ProvisioningLogs.MaxEntriesPerTenant);
        RateLimiter = new TenantRateLimiter(emulator.Limits, options.DailyCalls);
    }

    public TenantOptions Options { get; }

    public string Id => Options.Id;

    public string DomainName => Options.DomainName;

    public string DisplayName => Options.DisplayName;

    public IReadOnlyList<RegisteredApp> Apps { get; }

    public IReadOnlyDictionary<string, RegisteredApp> AppsByClientId { get; }

    public IReadOnlyList<ProvisioningJob> Jobs => jobs;

    public TenantDirectory Directory { get; } = new();

    public ProvisioningLogStore Logs { get; }

    public TenantRateLimiter RateLimiter { get; }

    internal void AddJob(ProvisioningJob job) => jobs.Add(job);
}
