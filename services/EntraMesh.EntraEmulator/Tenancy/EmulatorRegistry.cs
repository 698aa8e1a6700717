using System.Security.Cryptography;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Users;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.State;
using Microsoft.Extensions.Options;

namespace EntraMesh.EntraEmulator.Tenancy;

/// <summary>All tenants, apps and jobs, built once from the configuration; the root of the emulator's in-memory state.</summary>
public sealed class EmulatorRegistry
{
    readonly Dictionary<string, EmulatorTenant> tenants = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<(string, string), ProvisioningJob> jobs = [];
    readonly TimeProvider time;

    public EmulatorRegistry(IOptions<EmulatorOptions> options, StateDirectory state, TimeProvider time, ILogger<EmulatorRegistry> logger)
    {
        this.time = time;
        var settings = options.Value;
        var list = new List<EmulatorTenant>();
        foreach (var tenantOptions in settings.Tenants)
        {
            var apps = tenantOptions.Applications.Select(app => Register(tenantOptions.Id, app, state, logger)).ToList();
            var tenant = new EmulatorTenant(tenantOptions, apps, settings);
            foreach (var appOptions in tenantOptions.ProvisioningApps)
            {
                var job = new ProvisioningJob(tenant, appOptions, time.GetUtcNow());
                tenant.AddJob(job);
                jobs[(appOptions.ServicePrincipalId.ToLowerInvariant(), appOptions.JobId.ToLowerInvariant())] = job;
            }

            DirectorySeeder.Seed(tenant, time.GetUtcNow());
            tenants[tenant.Id] = tenant;
            if (!string.IsNullOrWhiteSpace(tenant.DomainName)) tenants[tenant.DomainName] = tenant;
            list.Add(tenant);
        }

        Tenants = list;
    }

    public IReadOnlyList<EmulatorTenant> Tenants { get; }

    public IEnumerable<ProvisioningJob> Jobs => Tenants.SelectMany(tenant => tenant.Jobs);

    /// <summary>A tenant by id or initial domain name (case-insensitive).</summary>
    public EmulatorTenant? FindTenant(string idOrDomain) => tenants.GetValueOrDefault(idOrDomain);

    public ProvisioningJob? FindJob(string servicePrincipalId, string jobId) =>
        jobs.GetValueOrDefault((servicePrincipalId.ToLowerInvariant(), jobId.ToLowerInvariant()));

    public ProvisioningJob? FindJob(string jobId) => Jobs.FirstOrDefault(job => string.Equals(job.JobId, jobId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Empties every directory and log, re-seeds the configured users and puts every job back in its configured state.</summary>
    public void Reset()
    {
        var now = time.GetUtcNow();
        foreach (var tenant in Tenants)
        {
            lock (tenant.Directory.Gate)
            {
                foreach (var job in tenant.Jobs) job.Reset(now);
                tenant.Directory.Clear();
                tenant.Logs.Clear();
                DirectorySeeder.Seed(tenant, now);
            }
        }
    }

    static RegisteredApp Register(string tenantId, AppRegistrationOptions app, StateDirectory state, ILogger logger)
    {
        var certificates = app.Certificates.Select(AppCertificates.Parse).ToList();
        string? secret = app.ClientSecret;
        string? secretFile = null;
        if (string.IsNullOrEmpty(secret) && certificates.Count == 0)
        {
            secretFile = state.SecretPath(app.ClientId);
            if (File.Exists(secretFile))
            {
                secret = File.ReadAllText(secretFile).Trim();
            }
            else
            {
                secret = NewSecret();
                StateDirectory.WritePrivate(secretFile, secret);
                EmulatorLog.SecretGenerated(logger, app.ClientId, secretFile);
            }
        }

        return new RegisteredApp(tenantId, app.DisplayName, app.ClientId, string.IsNullOrEmpty(secret) ? null : secret, secretFile, certificates, app.Roles);
    }

    /// <summary>A secret shaped like Entra's (40 characters, a <c>~</c> after a three-character prefix).</summary>
    static string NewSecret()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
        return "Emu8Q~" + RandomNumberGenerator.GetString(alphabet, 34);
    }
}
