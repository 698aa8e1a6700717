using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using EntraMesh.Benchmarking;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.Bench.Measures;

/// <summary>
/// The times of one worker's steps in one target as reconciliation shows them (<c>GET /api/reconciliation/workers/…</c>):
/// accepted by ingest, planned by mapping, queued in dispatch, submitted (Entra's 202), and the row's last update.
/// </summary>
public sealed record StepTimes(DateTimeOffset? Accepted, DateTimeOffset? Planned, DateTimeOffset? Queued, DateTimeOffset? Submitted, DateTimeOffset Updated, string State)
{
    public static StepTimes? From(JsonNode? lane) => lane is null
        ? null
        : new StepTimes(Time(lane["acceptedAt"]), Time(lane["plannedAt"]), Time(lane["queuedAt"]), Time(lane["submittedAt"]), Time(lane["updatedAt"])!.Value,
            (string?)lane["state"] ?? "");

    /// <summary>
    /// The current lane of a worker (its latest revision), optionally of one change kind. The gateway limits operators'
    /// requests (50 a second by default): a 429 is waited out, as any well-behaved client would.
    /// </summary>
    public static async Task<StepTimes?> ReadAsync(GatewayClient gateway, string workerId, string? changeKind, CancellationToken cancellationToken)
    {
        JsonNode? worker;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                worker = await gateway.GetWorkerAsync(MeshLauncher.SampleSource, workerId, cancellationToken);
                break;
            }
            catch (HttpRequestException exception) when (exception.StatusCode == HttpStatusCode.TooManyRequests && attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        return From(worker?["targets"]?.AsArray().FirstOrDefault(t =>
            (bool?)t?["current"] == true && (changeKind is null || (string?)t?["changeKind"] == changeKind)));
    }

    /// <summary>"accepted → planned 0.21 s, → queued 0.05 s, → sent 0.40 s" (the hops between the steps).</summary>
    public static string DescribeHops(IReadOnlyList<StepTimes> samples, double quantile)
    {
        static double Seconds(DateTimeOffset? from, DateTimeOffset? to) => from is { } a && to is { } b ? (b - a).TotalSeconds : double.NaN;
        var planned = Stats.Percentile(samples.Select(s => Seconds(s.Accepted, s.Planned)), quantile);
        var queued = Stats.Percentile(samples.Select(s => Seconds(s.Planned, s.Queued)), quantile);
        var sent = Stats.Percentile(samples.Select(s => Seconds(s.Queued, s.Submitted)), quantile);
        return string.Create(CultureInfo.InvariantCulture, $"accepted → planned {planned:0.00} s, planned → queued {queued:0.00} s, queued → sent {sent:0.00} s");
    }

    static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
}
