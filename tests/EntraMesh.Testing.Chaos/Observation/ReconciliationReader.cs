using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.Testing.Chaos.Observation;

/// <summary>Reads reconciliation's worker lists through the gateway, every page.</summary>
public sealed class ReconciliationReader(GatewayClient gateway)
{
    /// <summary>Every worker of the sample source: overall (<paramref name="target"/> null) or in one target.</summary>
    public async Task<List<WorkerRow>> ListAsync(string? target, CancellationToken cancellationToken)
    {
        var rows = new List<WorkerRow>();
        string? cursor = null;
        do
        {
            var path = $"/api/reconciliation/workers?limit=1000&sourceId={MeshLauncher.SampleSource}"
                + (target is null ? "" : "&target=" + Uri.EscapeDataString(target))
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await gateway.GetJsonAsync(path, cancellationToken)
                ?? throw new InvalidOperationException($"{path} answered 404");
            rows.AddRange((page["items"]?.AsArray() ?? []).Select(item => WorkerRow.From(item!)));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        return rows;
    }
}
