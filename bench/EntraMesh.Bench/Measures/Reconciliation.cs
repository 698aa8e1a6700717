using System.Text.Json.Nodes;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Launcher.Sample;

namespace EntraMesh.Bench.Measures;

/// <summary>What reconciliation's ops API (through the gateway) says: every worker of a target, and the summary.</summary>
public static class Reconciliation
{
    /// <summary>Every worker of <paramref name="target"/>, page by page (1,000 a page).</summary>
    public static async Task<List<LaneRow>> ListTargetAsync(GatewayClient gateway, string target, CancellationToken cancellationToken)
    {
        var rows = new List<LaneRow>();
        string? cursor = null;
        do
        {
            var path = $"/api/reconciliation/workers?target={Uri.EscapeDataString(target)}&sourceId={MeshLauncher.SampleSource}&limit=1000" +
                       (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await gateway.GetJsonAsync(path, cancellationToken) ?? throw new InvalidOperationException($"{path} answered 404.");
            foreach (var item in page["items"]!.AsArray())
            {
                rows.Add(new LaneRow(
                    (string)item!["workerId"]!,
                    (string)item["target"]!,
                    (long)item["revision"]!,
                    (string)item["state"]!,
                    (string?)item["changeKind"],
                    Time(item["acceptedAt"]),
                    Time(item["submittedAt"]),
                    Time(item["completedAt"]),
                    Time(item["updatedAt"])!.Value));
            }

            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        return rows;
    }

    /// <summary>Worker counts by overall state (non-zero only).</summary>
    public static async Task<SortedDictionary<string, long>> CountsAsync(GatewayClient gateway, CancellationToken cancellationToken) =>
        SummaryView.CountsByState(await gateway.GetSummaryAsync(cancellationToken));

    public static string Describe(IReadOnlyDictionary<string, long> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0}"));

    static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Nothing accepted is still on its way (Accepted, Held, Planned, Queued, Submitted).</summary>
    public static bool Settled(IReadOnlyDictionary<string, long> counts) =>
        !SummaryView.InFlight(counts) && !counts.ContainsKey("Held");
}
