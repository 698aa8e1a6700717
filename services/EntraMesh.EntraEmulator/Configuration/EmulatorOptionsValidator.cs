using System.Text.RegularExpressions;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.Tenancy;
using EntraMesh.Scim;
using Microsoft.Extensions.Options;

namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>Checks the whole configuration at start; every message names the setting (e.g. <c>Emulator:Tenants:0:ProvisioningApps:1:JobId</c>).</summary>
public sealed partial class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    const string Root = EmulatorOptions.Section;

    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(EmulatorOptions options)
    {
        var errors = Errors(options).ToList();
        if (errors.Count > 0) throw new OptionsValidationException(Root, typeof(EmulatorOptions), errors);
    }

    static IEnumerable<string> Errors(EmulatorOptions options)
    {
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{Root}:Urls must list https:// addresses only (MSAL refuses http authorities); '{url}' is not one.";
            }
        }

        if (options.Identity.TokenLifetime < TimeSpan.FromMinutes(1) || options.Identity.TokenLifetime > TimeSpan.FromDays(1))
        {
            yield return $"{Root}:Identity:TokenLifetime must be between 00:01:00 and 1.00:00:00.";
        }

        if (options.Identity.ClockSkew < TimeSpan.Zero || options.Identity.ClockSkew > TimeSpan.FromHours(1))
        {
            yield return $"{Root}:Identity:ClockSkew must be between 00:00:00 and 01:00:00.";
        }

        foreach (var error in LimitErrors(options.Limits, $"{Root}:Limits:")) yield return error;
        foreach (var error in DelayErrors(options.Processing)) yield return error;

        var logs = options.ProvisioningLogs;
        if (logs.MaxEntriesPerTenant < 100) yield return $"{Root}:ProvisioningLogs:MaxEntriesPerTenant must be at least 100.";
        if (logs.MaxPageSize is < 1 or > 10_000) yield return $"{Root}:ProvisioningLogs:MaxPageSize must be between 1 and 10000.";
        if (logs.DefaultPageSize < 1 || logs.DefaultPageSize > logs.MaxPageSize) yield return $"{Root}:ProvisioningLogs:DefaultPageSize must be between 1 and MaxPageSize.";
        if (options.Faults.Validate($"{Root}:Faults:") is { } faultError) yield return faultError;

        if (options.Tenants.Count == 0) yield return $"{Root}:Tenants must define at least one tenant.";
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var t = 0; t < options.Tenants.Count; t++)
        {
            foreach (var error in TenantErrors(options.Tenants[t], $"{Root}:Tenants:{t}:", seen)) yield return error;
        }
    }

    /// <summary>Problems with limits, prefixed by where they were set (configuration or the inspection API).</summary>
    public static IEnumerable<string> LimitErrors(LimitsOptions limits, string prefix)
    {
        if (limits.MaxOperationsPerRequest < 0) yield return $"{prefix}MaxOperationsPerRequest must be 0 (off) or more.";
        if (limits.CallsPerWindow < 0) yield return $"{prefix}CallsPerWindow must be 0 (off) or more.";
        if (limits.Window <= TimeSpan.Zero) yield return $"{prefix}Window must be longer than zero.";
        if (limits.DailyCalls < 0) yield return $"{prefix}DailyCalls must be 0 (off) or more.";
        if (limits.DailyWindow <= TimeSpan.Zero) yield return $"{prefix}DailyWindow must be longer than zero.";
        if (limits.CallsPerWindow > 1_000_000 || limits.DailyCalls > 10_000_000) yield return $"{prefix}CallsPerWindow/DailyCalls are too large; switch a limit off with 0.";
        if (limits.MaxRequestBytes is < 1024 or > 256 * 1024 * 1024) yield return $"{prefix}MaxRequestBytes must be between 1024 and 268435456.";
    }

    static IEnumerable<string> DelayErrors(ProcessingOptions processing)
    {
        foreach (var (name, value) in new[]
                 {
                     ("ProcessingDelay", processing.ProcessingDelay), ("ProcessingDelayMax", processing.ProcessingDelayMax),
                     ("LogDelay", processing.LogDelay), ("LogDelayMax", processing.LogDelayMax),
                 })
        {
            if (value is { } delay && (delay < TimeSpan.Zero || delay > TimeSpan.FromDays(1))) yield return $"{Root}:Processing:{name} must be between 00:00:00 and 1.00:00:00.";
        }
    }

    static IEnumerable<string> TenantErrors(TenantOptions tenant, string prefix, HashSet<string> seen)
    {
        if (!Guid.TryParse(tenant.Id, out _)) yield return $"{prefix}Id must be a GUID (the tenant id); '{tenant.Id}' is not.";
        else if (!seen.Add("tenant/" + tenant.Id)) yield return $"{prefix}Id '{tenant.Id}' is used by another tenant.";
        if (string.IsNullOrWhiteSpace(tenant.DomainName) || !tenant.DomainName.Contains('.')) yield return $"{prefix}DomainName must be a domain such as contoso.onmicrosoft.com.";
        else if (!seen.Add("domain/" + tenant.DomainName)) yield return $"{prefix}DomainName '{tenant.DomainName}' is used by another tenant.";
        if (tenant.DailyCalls < 0) yield return $"{prefix}DailyCalls must be 0 (off) or more.";

        for (var a = 0; a < tenant.Applications.Count; a++)
        {
            var app = tenant.Applications[a];
            var at = $"{prefix}Applications:{a}:";
            if (!Guid.TryParse(app.ClientId, out _)) yield return $"{at}ClientId must be a GUID; '{app.ClientId}' is not.";
            else if (!seen.Add("client/" + app.ClientId)) yield return $"{at}ClientId '{app.ClientId}' is used by another app registration.";
            for (var c = 0; c < app.Certificates.Count; c++)
            {
                string? problem = null;
                try
                {
                    AppCertificates.Parse(app.Certificates[c]).Dispose();
                }
                catch (FormatException error)
                {
                    problem = error.Message;
                }

                if (problem is not null) yield return $"{at}Certificates:{c} cannot be read: {problem}.";
            }
        }

        for (var p = 0; p < tenant.ProvisioningApps.Count; p++)
        {
            foreach (var error in ProvisioningAppErrors(tenant.ProvisioningApps[p], tenant, $"{prefix}ProvisioningApps:{p}:", seen)) yield return error;
        }

        for (var u = 0; u < tenant.Users.Count; u++)
        {
            foreach (var error in SeedErrors(tenant, u, $"{prefix}Users:{u}:")) yield return error;
        }
    }

    static IEnumerable<string> ProvisioningAppErrors(ProvisioningAppOptions app, TenantOptions tenant, string at, HashSet<string> seen)
    {
        if (!Guid.TryParse(app.ServicePrincipalId, out _)) yield return $"{at}ServicePrincipalId must be a GUID; '{app.ServicePrincipalId}' is not.";
        var pattern = app.Target == ProvisioningTarget.Cloud ? CloudJobId() : OnPremisesJobId();
        if (!pattern.IsMatch(app.JobId))
        {
            yield return $"{at}JobId must look like {(app.Target == ProvisioningTarget.Cloud ? "API2AAD" : "API2AD")}.<32 hex>.<guid> for a {app.Target} job; '{app.JobId}' does not.";
        }
        else if (!seen.Add("job/" + app.JobId)) yield return $"{at}JobId '{app.JobId}' is used by another job.";

        if (app.Target == ProvisioningTarget.OnPremises)
        {
            if (string.IsNullOrWhiteSpace(app.Domain) || !app.Domain.Contains('.')) yield return $"{at}Domain must name the AD domain (e.g. contoso.com) of an on-premises job.";
            if (app.OrganizationalUnits.Count == 0) yield return $"{at}OrganizationalUnits must list the OUs that exist (e.g. OU=Users,DC=contoso,DC=com).";
            for (var o = 0; o < app.OrganizationalUnits.Count; o++)
            {
                var ou = app.OrganizationalUnits[o];
                if (!DistinguishedNames.IsContainer(ou)) yield return $"{at}OrganizationalUnits:{o} '{ou}' is not a distinguished name of an OU.";
                else if (!string.Equals(DistinguishedNames.DomainOf(ou), app.Domain, StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"{at}OrganizationalUnits:{o} '{ou}' is not in the domain {app.Domain}.";
                }
            }

            if (string.IsNullOrWhiteSpace(app.DefaultContainer)
                || !app.OrganizationalUnits.Any(ou => DistinguishedNames.Normalize(ou) == DistinguishedNames.Normalize(app.DefaultContainer)))
            {
                yield return $"{at}DefaultContainer must be one of the OrganizationalUnits.";
            }
        }

        if (app.Status is not (JobStatusCode.Active or JobStatusCode.Paused or JobStatusCode.Quarantine)) yield return $"{at}Status must be Active, Paused or Quarantine.";
        for (var s = 0; s < app.CustomSchemas.Count; s++)
        {
            var schema = app.CustomSchemas[s];
            var where = $"{at}CustomSchemas:{s}:";
            var urn = schema.Namespace.Trim();
            if (!urn.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || urn.Any(char.IsWhiteSpace)) yield return $"{where}Namespace must be a URN such as urn:ietf:params:scim:schemas:extension:csv:1.0:User.";
            if (new[] { ScimSchemas.CoreUser, ScimSchemas.EnterpriseUser, ScimSchemas.BulkRequest }.Contains(urn, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"{where}Namespace '{urn}' is a standard schema, not a custom one.";
            }

            if (schema.Attributes.Count == 0) yield return $"{where}Attributes must list the namespace's attributes.";
            foreach (var attribute in schema.Attributes.Where(name => string.IsNullOrWhiteSpace(name) || name.Contains(':') || name.Any(char.IsWhiteSpace)))
            {
                yield return $"{where}Attributes: '{attribute}' is not a valid attribute name.";
            }

            foreach (var mapped in schema.Mappings.Keys.Where(key => !schema.Attributes.Contains(key, StringComparer.OrdinalIgnoreCase)))
            {
                yield return $"{where}Mappings:{mapped} maps an attribute that is not in Attributes.";
            }
        }
    }

    static IEnumerable<string> SeedErrors(TenantOptions tenant, int index, string at)
    {
        var seed = tenant.Users[index];
        if (string.IsNullOrWhiteSpace(seed.EmployeeId)) yield return $"{at}EmployeeId is required.";
        if (string.IsNullOrWhiteSpace(seed.UserPrincipalName) || !seed.UserPrincipalName.Contains('@')) yield return $"{at}UserPrincipalName must look like name@domain.";
        if (seed.Id is { Length: > 0 } id && !Guid.TryParse(id, out _)) yield return $"{at}Id must be a GUID when set.";
        var earlier = tenant.Users.Take(index);
        if (earlier.Any(other => string.Equals(other.EmployeeId, seed.EmployeeId, StringComparison.OrdinalIgnoreCase)
                                 && string.Equals(other.OnPremisesDomain, seed.OnPremisesDomain, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"{at}EmployeeId '{seed.EmployeeId}' is seeded twice for the same target.";
        }

        if (seed.ManagerEmployeeId is { } manager && !earlier.Any(other => string.Equals(other.EmployeeId, manager, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"{at}ManagerEmployeeId '{manager}' must be seeded earlier in the list.";
        }

        if (seed.OnPremisesDomain is { } domain)
        {
            var job = tenant.ProvisioningApps.FirstOrDefault(app => app.Target == ProvisioningTarget.OnPremises && string.Equals(app.Domain, domain, StringComparison.OrdinalIgnoreCase));
            if (job is null) yield return $"{at}OnPremisesDomain '{domain}' is not the domain of an on-premises job.";
            else if (seed.ParentDistinguishedName is { } parent
                     && !job.OrganizationalUnits.Any(ou => DistinguishedNames.Normalize(ou) == DistinguishedNames.Normalize(parent)))
            {
                yield return $"{at}ParentDistinguishedName '{parent}' is not one of the job's OrganizationalUnits.";
            }
        }
    }

    [GeneratedRegex("^API2AAD\\.[0-9a-fA-F]{32}\\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex CloudJobId();

    [GeneratedRegex("^API2AD\\.[0-9a-fA-F]{32}\\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex OnPremisesJobId();
}
