using System.Buffers;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Graph;
using EntraMesh.EntraEmulator.Hosting;
using EntraMesh.EntraEmulator.Persistence;
using EntraMesh.EntraEmulator.Processing;
using EntraMesh.EntraEmulator.Tenancy;
using EntraMesh.Scim;
using Microsoft.Net.Http.Headers;

namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>
/// <c>POST /{version}/servicePrincipals/{id}/synchronization/jobs/{jobId}/bulkUpload</c>. In Entra's order: token and
/// permission, the job, the tenant's rate budget (429 with Retry-After), then the request itself (Content-Type, size,
/// SCIM BulkRequest). Accepted operations are staged for the job and the answer is 202 with request-id,
/// client-request-id and a Location pointing at the job's provisioning logs.
/// </summary>
public sealed class BulkUploadEndpoint(EmulatorRegistry registry, GraphAuthorizer authorizer, RuntimeSettings settings, EmulatorCounters counters,
    TenantJournal journal, TimeProvider time, ILogger<BulkUploadEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context, string version, string servicePrincipalId, string jobId)
    {
        if (await authorizer.AuthorizeAsync(context, GraphRoles.BulkUpload) is not { } principal) return;

        var job = registry.FindJob(servicePrincipalId, jobId);
        if (job is null || !string.Equals(job.Tenant.Id, principal.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            await GraphErrors.NotFound(context,
                $"Resource '{jobId}' does not exist or one of its queried reference-property objects are not present (servicePrincipal '{servicePrincipalId}').");
            return;
        }

        var call = EmulatorCall.Of(context);
        call?.JobId = job.JobId;
        var now = time.GetUtcNow();
        var decision = job.Tenant.RateLimiter.TryAdmit(now);
        if (!decision.Admitted)
        {
            counters.Throttled();
            EmulatorLog.Throttled(logger, job.JobId, decision.Limit!, GraphErrors.RetryAfterSeconds(decision.RetryAfter));
            await GraphErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, "TooManyRequests",
                $"Too many requests: the tenant's bulkUpload budget of {decision.Limit} is used up. Retry after the time in the Retry-After header.",
                decision.RetryAfter);
            return;
        }

        if (await ContentTypeErrorAsync(context)) return;

        var limits = settings.Limits;
        if (context.Request.ContentLength > limits.MaxRequestBytes)
        {
            await TooLargeAsync(context, limits.MaxRequestBytes);
            return;
        }

        byte[]? buffer;
        int length;
        try
        {
            (buffer, length) = await RequestBody.ReadAsync(context.Request, limits.MaxRequestBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException error)
        {
            await GraphErrors.BadRequest(context, $"Invalid Data Format: the request body cannot be read ({error.Message}).");
            return;
        }

        if (buffer is null)
        {
            await TooLargeAsync(context, limits.MaxRequestBytes);
            return;
        }

        List<BulkOperation> operations;
        var requestId = call?.RequestId ?? context.TraceIdentifier;
        try
        {
            operations = BulkRequestParser.Parse(buffer.AsSpan(0, length), job.Schema, limits.EffectiveMaxOperations);
            // Journaled (when persistence is on) and staged in one step, before the 202: an answered upload survives a crash.
            lock (job.StagingGate)
            {
                journal.Staged(job, requestId, now, buffer.AsSpan(0, length));
                job.Enqueue(operations, now, requestId);
            }
        }
        catch (BulkRequestException error)
        {
            EmulatorLog.BatchRejected(logger, job.JobId, error.Field, error.Reason);
            await GraphErrors.BadRequest(context, $"Invalid Data Format: {error.Field} {error.Reason}.");
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        counters.OperationsAccepted(operations.Count);
        call?.Operations = operations.Count;
        EmulatorLog.BatchAccepted(logger, job.JobId, operations.Count, requestId);
        if (call?.DropAfterProcessing == true) return;

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers.Location = $"{RequestUrls.BaseOf(context.Request)}/{version}/auditLogs/provisioning/?$filter=jobid%20eq%20'{Uri.EscapeDataString(job.JobId)}'";
        context.Response.ContentLength = 0;
    }

    /// <summary>Missing Content-Type: 400 (Entra's most common bulkUpload error); another media type: 415.</summary>
    static async Task<bool> ContentTypeErrorAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            await GraphErrors.BadRequest(context, $"Invalid Data Format: the Content-Type header is missing; bulkUpload requires {ScimSchemas.ContentType}.");
            return true;
        }

        if (MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.MediaType.Equals(ScimSchemas.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        await GraphErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
            $"Invalid Data Format: Content-Type '{contentType}' is not supported; bulkUpload requires {ScimSchemas.ContentType}.");
        return true;
    }

    static Task TooLargeAsync(HttpContext context, int limit) =>
        GraphErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge",
            $"The request body is larger than {limit} bytes; send at most 50 operations per request.");
}
