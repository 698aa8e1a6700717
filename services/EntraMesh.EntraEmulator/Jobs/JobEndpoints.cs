using EntraMesh.EntraEmulator.Persistence;
using EntraMesh.EntraEmulator.Hosting;
using System.Text.Json;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Graph;
using EntraMesh.EntraEmulator.Identity;
using EntraMesh.EntraEmulator.Tenancy;

namespace EntraMesh.EntraEmulator.Jobs;

/// <summary>
/// <c>GET /servicePrincipals/{id}/synchronization/jobs[/{jobId}]</c> (status, quarantine, executions) and the job controls
/// Graph offers: <c>POST .../start</c>, <c>.../pause</c>, <c>.../restart</c> (restart purges staged records).
/// </summary>
public sealed class JobEndpoints(EmulatorRegistry registry, GraphAuthorizer authorizer, EmulatorCounters counters, TenantJournal journal, TimeProvider time)
{
    public async Task GetAsync(HttpContext context, string servicePrincipalId, string jobId)
    {
        if (await FindAsync(context, servicePrincipalId, jobId, GraphRoles.ReadJobs) is not { } job) return;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonOutput.Options);
        JobWriter.Write(writer, job);
        await writer.FlushAsync(context.RequestAborted);
    }

    public async Task ListAsync(HttpContext context, string version, string servicePrincipalId)
    {
        if (await authorizer.AuthorizeAsync(context, GraphRoles.ReadJobs) is not { } principal) return;
        var jobs = registry.Jobs.Where(job => Owns(job, principal) && string.Equals(job.ServicePrincipalId, servicePrincipalId, StringComparison.OrdinalIgnoreCase)).ToList();
        if (jobs.Count == 0)
        {
            await GraphErrors.NotFound(context, $"Resource '{servicePrincipalId}' does not exist or one of its queried reference-property objects are not present.");
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteString("@odata.context", $"{Hosting.RequestUrls.BaseOf(context.Request)}/{version}/$metadata#servicePrincipals('{servicePrincipalId}')/synchronization/jobs");
        writer.WriteStartArray("value");
        foreach (var job in jobs) JobWriter.Write(writer, job);
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    public async Task ControlAsync(HttpContext context, string servicePrincipalId, string jobId, string action)
    {
        if (await FindAsync(context, servicePrincipalId, jobId, GraphRoles.ControlJobs) is not { } job) return;
        switch (action)
        {
            case "pause":
                job.Pause();
                break;
            case "restart":
                counters.OperationsPurged(journal.Restart(job));
                break;
            default:
                if (job.Options.NotificationEmail) job.Resume();
                else job.PutInQuarantine("EncounteredQuarantineException", "NotificationEmailMissing",
                    "The job was started without a notification e-mail address; set one in the provisioning app's settings.", time.GetUtcNow());
                break;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    async Task<ProvisioningJob?> FindAsync(HttpContext context, string servicePrincipalId, string jobId, string[] roles)
    {
        if (await authorizer.AuthorizeAsync(context, roles) is not { } principal) return null;
        var job = registry.FindJob(servicePrincipalId, jobId);
        if (job is not null && Owns(job, principal))
        {
            EmulatorCall.Of(context)?.JobId = job.JobId;
            return job;
        }

        await GraphErrors.NotFound(context, $"Resource '{jobId}' does not exist or one of its queried reference-property objects are not present.");
        return null;
    }

    static bool Owns(ProvisioningJob job, AccessPrincipal principal) => string.Equals(job.Tenant.Id, principal.TenantId, StringComparison.OrdinalIgnoreCase);
}
