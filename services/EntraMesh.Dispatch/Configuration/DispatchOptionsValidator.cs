using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using EntraMesh.Dispatch.Credentials;
using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch.Configuration;

/// <summary>Checks every target at start; each failure names the setting (<c>Dispatch:Targets:0:ClientId</c>, …).</summary>
public sealed partial class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        var failures = new List<string>();
        if (options.InFlightLease <= options.RequestTimeout)
        {
            failures.Add("Dispatch:InFlightLease must be longer than Dispatch:RequestTimeout.");
        }

        if (options.BatchMaxDelay < options.BatchWindow)
        {
            failures.Add("Dispatch:BatchMaxDelay must not be shorter than Dispatch:BatchWindow.");
        }

        if (options.RoutineBatchMaxDelay < options.RoutineBatchWindow)
        {
            failures.Add("Dispatch:RoutineBatchMaxDelay must not be shorter than Dispatch:RoutineBatchWindow.");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("Dispatch:RetryMaxDelay must not be shorter than Dispatch:RetryBaseDelay.");
        }

        if (options.Targets.Count == 0)
        {
            failures.Add("Dispatch:Targets must list at least one target (Dispatch:Targets:0:Name, TenantId, ClientId, credential, ServicePrincipalId, JobId).");
        }

        for (var index = 0; index < options.Targets.Count; index++)
        {
            ValidateTarget(options.Targets[index], $"Dispatch:Targets:{index}", failures);
        }

        foreach (var duplicate in options.Targets.Where(t => !string.IsNullOrWhiteSpace(t.Name))
                     .GroupBy(t => t.Name!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            failures.Add($"Dispatch:Targets: the name '{duplicate.Key}' is used by more than one target.");
        }

        foreach (var tenant in options.Targets.Where(t => !string.IsNullOrWhiteSpace(t.TenantId))
                     .GroupBy(TenantKey.Of).Where(g => g.Count() > 1))
        {
            var limits = tenant.Select(t => (t.DailyBudget, t.EffectiveLeaverReserve, t.CallsPerWindow, t.RateWindow, t.WindowLeaverReserve)).Distinct().Count();
            if (limits > 1)
            {
                failures.Add($"Dispatch:Targets: targets of tenant '{tenant.First().TenantId}' share its budgets, so their DailyBudget, " +
                             "LeaverReserve, CallsPerWindow, RateWindow and WindowLeaverReserve must be equal.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void ValidateTarget(TargetOptions target, string prefix, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(target.Name) || !NamePattern().IsMatch(target.Name))
        {
            failures.Add($"{prefix}:Name is required: letters, digits, '.', '_' or '-' (the target name of the mapping rules).");
        }

        Require(target.TenantId, $"{prefix}:TenantId", "the Entra tenant id or domain", failures);
        Require(target.ClientId, $"{prefix}:ClientId", "the application (client) id", failures);
        RequirePathSegment(target.ServicePrincipalId, $"{prefix}:ServicePrincipalId", "the provisioning app's service principal object id", failures);
        RequirePathSegment(target.JobId, $"{prefix}:JobId", "the synchronization job id (API2AAD.… or API2AD.…)", failures);
        RequireHttps(target.Authority, $"{prefix}:Authority", failures);
        RequireHttps(target.GraphBaseUrl, $"{prefix}:GraphBaseUrl", failures);
        RequireHttps(target.EmulatorBaseUrl, $"{prefix}:EmulatorBaseUrl", failures);
        if (string.IsNullOrWhiteSpace(target.Scope)) failures.Add($"{prefix}:Scope must not be empty.");

        if (target.DailyBudget is < 1 or > 1_000_000)
        {
            failures.Add($"{prefix}:DailyBudget must be between 1 and 1000000 calls (Entra: 2000 with P1/P2, 6000 with Governance).");
        }
        else if (target.EffectiveLeaverReserve < 0 || target.EffectiveLeaverReserve >= target.DailyBudget)
        {
            failures.Add($"{prefix}:LeaverReserve must be at least 0 and less than DailyBudget ({target.DailyBudget}).");
        }

        if (target.CallsPerWindow is < 1 or > 100_000) failures.Add($"{prefix}:CallsPerWindow must be between 1 and 100000 (Entra: 40).");
        else if (target.WindowLeaverReserve < 0 || target.WindowLeaverReserve >= target.CallsPerWindow)
        {
            failures.Add($"{prefix}:WindowLeaverReserve must be at least 0 and less than CallsPerWindow ({target.CallsPerWindow}).");
        }

        if (target.RateWindow < TimeSpan.FromMilliseconds(100) || target.RateWindow > TimeSpan.FromHours(1))
        {
            failures.Add($"{prefix}:RateWindow must be between 100 ms and 1 hour (Entra: 00:00:05).");
        }

        if (!string.IsNullOrWhiteSpace(target.TrustedCertificatePath))
        {
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(target.TrustedCertificatePath));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                failures.Add($"{prefix}:TrustedCertificatePath '{target.TrustedCertificatePath}' cannot be read as a PEM certificate ({exception.Message}).");
            }
        }

        if (string.IsNullOrWhiteSpace(target.Name)) return;
        try
        {
            CredentialResolver.Resolve(target, prefix);
        }
        catch (CredentialException exception)
        {
            failures.Add(exception.Message);
        }
    }

    static void Require(string? value, string setting, string meaning, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value)) failures.Add($"{setting} is required: {meaning}.");
    }

    static void RequirePathSegment(string? value, string setting, string meaning, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value)) failures.Add($"{setting} is required: {meaning}.");
        else if (!SegmentPattern().IsMatch(value)) failures.Add($"{setting} may hold only letters, digits, '.', '_' and '-'.");
    }

    static void RequireHttps(string? value, string setting, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{setting} must be an absolute https:// URL (the identity platform refuses anything else).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SegmentPattern();
}
