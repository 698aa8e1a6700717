using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Observability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntraMesh.Dispatch.TargetHealth;

/// <summary>
/// The <c>entra-targets</c> entry of <c>/health/ready</c>. A stopped target (403, or 401 with a fresh token) makes it
/// <see cref="HealthStatus.Degraded"/>, naming the target and the reason. Degraded still answers 200: the pod stays
/// ready and keeps consuming and storing changes for every target (nothing is lost and other targets keep sending),
/// and restarting or unlisting it would not fix a missing permission in Entra, only hide the cause. Operators alert on
/// the entry and on <c>entramesh.dispatch.target_stopped</c>.
/// </summary>
public sealed class EntraTargetsHealthCheck(TargetCatalog targets, DispatchStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stopped = targets.All.Where(t => status.Stopped.ContainsKey(t.Name)).ToList();
        if (stopped.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"sending to {string.Join(", ", targets.All.Select(t => t.Name))}"));
        }

        var description = string.Join("; ", stopped.Select(t => $"target '{t.Name}' stopped: {status.Stopped[t.Name]}"));
        return Task.FromResult(HealthCheckResult.Degraded(description));
    }
}
