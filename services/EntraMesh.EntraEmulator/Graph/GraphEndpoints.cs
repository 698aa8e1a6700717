using EntraMesh.EntraEmulator.BulkUpload;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Users;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.ProvisioningLogs;

namespace EntraMesh.EntraEmulator.Graph;

/// <summary>Maps the Microsoft Graph endpoints, on both <c>/v1.0</c> and <c>/beta</c>.</summary>
public static class GraphEndpoints
{
    const string Jobs = "/servicePrincipals/{servicePrincipalId}/synchronization/jobs";

    public static IEndpointRouteBuilder MapGraph(this IEndpointRouteBuilder app)
    {
        foreach (var version in new[] { "v1.0", "beta" })
        {
            var graph = app.MapGroup("/" + version).WithTags($"Microsoft Graph {version}");
            graph.MapPost(Jobs + "/{jobId}/bulkUpload",
                    (HttpContext context, string servicePrincipalId, string jobId, BulkUploadEndpoint endpoint) =>
                        endpoint.HandleAsync(context, version, servicePrincipalId, jobId))
                .WithSummary("Perform bulkUpload: stage up to 50 SCIM user operations for the job (202, or 400/401/403/404/413/415/429).");
            graph.MapGet(Jobs + "/{jobId}", (HttpContext context, string servicePrincipalId, string jobId, JobEndpoints endpoint) =>
                    endpoint.GetAsync(context, servicePrincipalId, jobId))
                .WithSummary("Get synchronizationJob: status (Active, Paused, Quarantine), quarantine, last executions.");
            graph.MapGet(Jobs, (HttpContext context, string servicePrincipalId, JobEndpoints endpoint) => endpoint.ListAsync(context, version, servicePrincipalId))
                .WithSummary("List the service principal's synchronization jobs.");
            foreach (var action in new[] { "start", "pause", "restart" })
            {
                graph.MapPost(Jobs + "/{jobId}/" + action, (HttpContext context, string servicePrincipalId, string jobId, JobEndpoints endpoint) =>
                        endpoint.ControlAsync(context, servicePrincipalId, jobId, action))
                    .WithSummary($"{action} the synchronization job (204).");
            }

            graph.MapGet("/auditLogs/provisioning", (HttpContext context, ProvisioningLogsEndpoint endpoint) => endpoint.HandleAsync(context, version))
                .WithSummary("List provisioningObjectSummary: $filter (eq ne gt ge lt le and or not contains startswith), $top, $orderby, $skiptoken.");
            graph.MapGet("/users", (HttpContext context, UsersEndpoint endpoint) => endpoint.ListAsync(context, version))
                .WithSummary("List users: $filter (e.g. employeeId eq '701984'), $select, $top, paging.");
            graph.MapGet("/users/{id}", (HttpContext context, string id, UsersEndpoint endpoint) => endpoint.GetAsync(context, version, id, manager: false))
                .WithSummary("Get a user by id or userPrincipalName.");
            graph.MapGet("/users/{id}/manager", (HttpContext context, string id, UsersEndpoint endpoint) => endpoint.GetAsync(context, version, id, manager: true))
                .WithSummary("Get a user's manager.");
            graph.MapFallback("{**path}", FallbackAsync).ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>Graph's answers for what it does not serve: 405 for a known path with another method, else 400.</summary>
    static Task FallbackAsync(HttpContext context)
    {
        if (EndpointClassifier.Classify(context.Request.Path) is not null)
        {
            context.Response.Headers.Allow = context.Request.Path.Value!.EndsWith("/bulkUpload", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";
            return GraphErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Request_BadRequest",
                $"Specified HTTP method '{context.Request.Method}' is not allowed for the request uri.");
        }

        var segment = context.Request.Path.Value?.TrimEnd('/').Split('/').LastOrDefault() ?? "";
        return GraphErrors.BadRequest(context, $"Resource not found for the segment '{segment}'.");
    }
}
