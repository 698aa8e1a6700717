using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Users;
using EntraMesh.EntraEmulator.Faults;
using EntraMesh.EntraEmulator.Identity;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.Persistence;
using EntraMesh.EntraEmulator.Processing;
using EntraMesh.EntraEmulator.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>
/// <c>/_emulator/</c>: what tests and operators use to look inside and steer the emulator (never part of Graph's paths).
/// Errors are RFC 9457 problem details.
/// </summary>
public static class InspectionEndpoints
{
    public static IEndpointRouteBuilder MapInspection(this IEndpointRouteBuilder app)
    {
        var inspection = app.MapGroup("/_emulator").WithTags("Emulator inspection");
        inspection.MapPost("/reset", Reset).WithSummary("Empty directories and logs, re-seed users, reset jobs, counters, call log, faults, limits and delays.");
        inspection.MapGet("/config", Configuration).WithSummary("Tenants, app registrations (no secrets), jobs, limits and delays in effect.");
        inspection.MapGet("/directory", DirectorySnapshot).WithSummary("Every user of every tenant (or ?tenantId=), with all properties.");
        inspection.MapPost("/tokens/revoke", RevokeTokensAsync)
            .WithSummary("Refuse every access token issued so far (401 on Graph, as after a signing-key rollover); new tokens work. Answers once they do.");
        inspection.MapPost("/users", AddUser).WithSummary("Add a user to a tenant's directory (?tenantId=, default: the first tenant).");
        inspection.MapDelete("/users/{id}", DeleteUser).WithSummary("Delete a user, as an admin deleting an account would (?tenantId=, default: the first tenant).");
        inspection.MapGet("/counters", Counters).WithSummary("Calls per endpoint, answers per status, 429s, injected faults, operations by outcome.");
        inspection.MapGet("/calls", Calls).WithSummary("Recent calls with timestamps (?since=ISO time, ?endpoint=BulkUpload, ?limit=).");
        inspection.MapGet("/faults", (FaultInjector faults) => TypedResults.Ok(faults.Current)).WithSummary("Faults in effect.");
        inspection.MapPut("/faults", SetFaults).WithSummary("Replace the faults in effect.");
        inspection.MapDelete("/faults", ClearFaults).WithSummary("Switch all faults off.");
        inspection.MapGet("/limits", (RuntimeSettings settings) => TypedResults.Ok(settings.Limits)).WithSummary("Limits in effect.");
        inspection.MapPut("/limits", SetLimits).WithSummary("Replace the limits (rate windows start over).");
        inspection.MapGet("/processing", (RuntimeSettings settings) => TypedResults.Ok(Delays(settings))).WithSummary("Processing and log delays in effect.");
        inspection.MapPut("/processing", SetDelays).WithSummary("Replace the processing and log delays.");
        inspection.MapGet("/jobs", JobList).WithSummary("Every job with status and staged operations.");
        inspection.MapPost("/jobs/{jobId}/{action}", ControlJob).WithSummary("pause, resume, quarantine (body: reason) or restart (purges staged operations) a job.");
        return app;
    }

    static async Task<NoContent> RevokeTokensAsync(AccessTokenValidator validator, TimeProvider time, ILogger<EmulatorRegistry> logger)
    {
        validator.RevokeIssuedTokens(out var validFrom);
        EmulatorLog.Inspection(logger, "tokens revoked");
        var wait = validFrom - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time);
        return TypedResults.NoContent();
    }

    static NoContent Reset(EmulatorRegistry registry, EmulatorCounters counters, CallLog calls, FaultInjector faults, RuntimeSettings settings,
        TenantJournal journal, ILogger<EmulatorRegistry> logger)
    {
        faults.Clear();
        settings.Reset();
        registry.Reset();
        journal.Rewrite(registry, []);
        foreach (var tenant in registry.Tenants) tenant.RateLimiter.Apply(settings.Limits);
        counters.Reset();
        calls.Clear();
        EmulatorLog.Inspection(logger, "reset");
        return TypedResults.NoContent();
    }

    static Ok<EmulatorConfigurationSnapshot> Configuration(EmulatorRegistry registry, RuntimeSettings settings, State.StateDirectory state) =>
        TypedResults.Ok(new EmulatorConfigurationSnapshot(
            registry.Tenants.Select(tenant => new TenantInfo(
                tenant.Id, tenant.DomainName, tenant.DisplayName,
                tenant.Apps.Select(app => new AppInfo(app.ClientId, app.DisplayName, app.Roles, app.HasSecret, app.SecretFile,
                    app.Certificates.Select(certificate => certificate.Thumbprint).ToList())).ToList(),
                tenant.Jobs.Select(job => new JobInfo(job.ServicePrincipalId, job.JobId, job.DisplayName, job.Target, job.Domain,
                    job.Options.OrganizationalUnits, job.Options.DefaultContainer, job.Schema.Namespaces.Select(ns => ns.Urn).ToList())).ToList())).ToList(),
            settings.Limits, Delays(settings), state.Path));

    static Ok<List<TenantDirectorySnapshot>> DirectorySnapshot(EmulatorRegistry registry, string? tenantId) =>
        TypedResults.Ok(registry.Tenants.Where(tenant => tenantId is null || string.Equals(tenant.Id, tenantId, StringComparison.OrdinalIgnoreCase))
            .Select(Snapshot).ToList());

    static TenantDirectorySnapshot Snapshot(EmulatorTenant tenant)
    {
        lock (tenant.Directory.Gate)
        {
            return new TenantDirectorySnapshot(tenant.Id, tenant.DomainName, tenant.Directory.Users.Select(user => ToSnapshot(tenant.Directory, user)).ToList());
        }
    }

    static UserSnapshot ToSnapshot(TenantDirectory directory, DirectoryUser user) => new(
        user.Id, user.EmployeeId, user.UserPrincipalName, user.DisplayName, user.AccountEnabled, user.OnPremisesDomain,
        user.Properties.GetValueOrDefault(TargetProperties.ParentDistinguishedName), user.Properties.GetValueOrDefault(TargetProperties.AdDistinguishedName),
        user.ManagerId, user.ManagerId is { } manager ? directory.FindById(manager)?.EmployeeId : null, user.CreatedByJobId, user.CreatedAt, user.ModifiedAt,
        new Dictionary<string, string?>(user.Properties, StringComparer.OrdinalIgnoreCase));

    static Results<NoContent, NotFound, ProblemHttpResult> DeleteUser(string id, string? tenantId, EmulatorRegistry registry, TenantJournal journal)
    {
        var tenant = tenantId is null ? registry.Tenants[0] : registry.FindTenant(tenantId);
        if (tenant is null) return Problem("tenantId", $"No tenant '{tenantId}'.");
        lock (tenant.Directory.Gate)
        {
            if (!tenant.Directory.Remove(id)) return TypedResults.NotFound();
            journal.UserRemoved(tenant, id);
            return TypedResults.NoContent();
        }
    }

    static Results<Created<UserSnapshot>, ProblemHttpResult> AddUser(SeedUserOptions user, string? tenantId, EmulatorRegistry registry, TenantJournal journal, TimeProvider time)
    {
        var tenant = tenantId is null ? registry.Tenants[0] : registry.FindTenant(tenantId);
        if (tenant is null) return Problem("tenantId", $"No tenant '{tenantId}'.");
        if (string.IsNullOrWhiteSpace(user.EmployeeId)) return Problem("employeeId", "is required.");
        if (string.IsNullOrWhiteSpace(user.UserPrincipalName) || !user.UserPrincipalName.Contains('@')) return Problem("userPrincipalName", "must look like name@domain.");
        if (user.Id is { Length: > 0 } id && !Guid.TryParse(id, out _)) return Problem("id", "must be a GUID when set.");
        lock (tenant.Directory.Gate)
        {
            if (tenant.Directory.FindByEmployeeId(user.OnPremisesDomain, user.EmployeeId) is not null) return Problem("employeeId", $"'{user.EmployeeId}' exists already.");
            if (user.OnPremisesDomain is { } domain && !tenant.Jobs.Any(job => string.Equals(job.Domain, domain, StringComparison.OrdinalIgnoreCase)))
            {
                return Problem("onPremisesDomain", $"'{domain}' is not the domain of an on-premises job.");
            }

            var added = DirectorySeeder.Add(tenant, user, time.GetUtcNow());
            journal.UserSaved(tenant, added);
            return TypedResults.Created($"/_emulator/directory?tenantId={tenant.Id}", ToSnapshot(tenant.Directory, added));
        }
    }

    static Ok<EmulatorCountersSnapshot> Counters(EmulatorCounters counters, EmulatorRegistry registry) =>
        TypedResults.Ok(counters.Snapshot(registry.Jobs.Sum(job => job.PendingOperations)));

    static Results<Ok<List<CallRecord>>, ProblemHttpResult> Calls(CallLog calls, DateTimeOffset? since, EmulatorEndpoint? endpoint, int? limit)
    {
        if (limit is < 1) return Problem("limit", "must be at least 1.");
        var records = calls.Since(since, CallLog.Capacity);
        if (endpoint is { } only) records = records.Where(record => record.Endpoint == only).ToList();
        return TypedResults.Ok(limit is { } most && records.Count > most ? records[^most..] : records);
    }

    static Results<Ok<FaultSettings>, ProblemHttpResult> SetFaults(FaultSettings settings, FaultInjector faults, ILogger<FaultInjector> logger)
    {
        if (settings.Validate("") is { } error) return Problem("faults", error);
        faults.Set(settings);
        EmulatorLog.Inspection(logger, $"faults set (total share {settings.TotalShare:0.###}, latency {settings.AddedLatency})");
        return TypedResults.Ok(faults.Current);
    }

    static NoContent ClearFaults(FaultInjector faults)
    {
        faults.Clear();
        return TypedResults.NoContent();
    }

    static Results<Ok<LimitsOptions>, ProblemHttpResult> SetLimits(LimitsOptions limits, RuntimeSettings settings, EmulatorRegistry registry)
    {
        if (EmulatorOptionsValidator.LimitErrors(limits, "").FirstOrDefault() is { } error) return Problem("limits", error);
        settings.SetLimits(limits);
        foreach (var tenant in registry.Tenants) tenant.RateLimiter.Apply(settings.Limits);
        return TypedResults.Ok(settings.Limits);
    }

    static Results<Ok<ProcessingDelays>, ProblemHttpResult> SetDelays(ProcessingDelays delays, RuntimeSettings settings)
    {
        var all = new[] { delays.ProcessingDelay, delays.ProcessingDelayMax, delays.LogDelay, delays.LogDelayMax };
        if (all.Any(delay => delay < TimeSpan.Zero || delay > TimeSpan.FromDays(1))) return Problem("processing", "delays must be between 00:00:00 and 1.00:00:00.");
        settings.SetDelays(DelayRange.From(delays.ProcessingDelay, delays.ProcessingDelayMax, TimeSpan.Zero, TimeSpan.Zero),
            DelayRange.From(delays.LogDelay, delays.LogDelayMax, TimeSpan.Zero, TimeSpan.Zero));
        return TypedResults.Ok(Delays(settings));
    }

    static ProcessingDelays Delays(RuntimeSettings settings) =>
        new(settings.ProcessingDelay.Min, settings.ProcessingDelay.Max, settings.LogDelay.Min, settings.LogDelay.Max);

    static Ok<List<JobSnapshot>> JobList(EmulatorRegistry registry) => TypedResults.Ok(registry.Jobs.Select(ToSnapshot).ToList());

    static JobSnapshot ToSnapshot(ProvisioningJob job) => new(
        job.Tenant.Id, job.ServicePrincipalId, job.JobId, job.DisplayName, job.Target, job.Status, job.Quarantine?.Reason, job.PendingOperations,
        job.Figures.TotalImported, job.Figures.TotalExported, job.Figures.TotalEscrowed);

    static async Task<Results<Ok<JobSnapshot>, ProblemHttpResult>> ControlJob(string jobId, string action, HttpRequest request, EmulatorRegistry registry,
        EmulatorCounters counters, TenantJournal journal, TimeProvider time, ILogger<EmulatorRegistry> logger)
    {
        if (registry.FindJob(jobId) is not { } job) return Problem("jobId", $"No job '{jobId}'.", StatusCodes.Status404NotFound);
        switch (action.ToLowerInvariant())
        {
            case "pause":
                job.Pause();
                break;
            case "resume":
            case "start":
                job.Resume();
                break;
            case "restart":
                counters.OperationsPurged(journal.Restart(job));
                break;
            case "quarantine":
                QuarantineRequest? body;
                try
                {
                    body = request.HasJsonContentType() ? await request.ReadFromJsonAsync<QuarantineRequest>(request.HttpContext.RequestAborted) : null;
                }
                catch (System.Text.Json.JsonException error)
                {
                    return Problem("body", $"is not a quarantine request ({error.Message}).");
                }

                job.PutInQuarantine(body?.Reason ?? "QuarantinedOnDemand", body?.ErrorCode, body?.Message, time.GetUtcNow());
                break;
            default:
                return Problem("action", $"'{action}' is not one of pause, resume, quarantine, restart.");
        }

        EmulatorLog.Inspection(logger, $"job {job.JobId}: {action}");
        return TypedResults.Ok(ToSnapshot(job));
    }

    static ProblemHttpResult Problem(string field, string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(detail: $"{field}: {detail}", statusCode: status, title: "The request to the emulator's inspection API is not valid.",
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
