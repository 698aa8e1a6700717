using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>
/// Ordinary signed webhooks sent between hostile requests: each must be accepted at once, and each worker must reach
/// the emulated tenant's directory, proving the mesh kept doing its job under attack.
/// </summary>
public sealed class GoodTraffic(CorpusContext context)
{
    static readonly string[] Givens = ["Zebulon", "Ottilie", "Thaddeus", "Perpetua", "Lysander", "Clementine"];
    static readonly string[] Families = ["Quartermaine", "Vanderbyl", "Ashcombe", "Fairweather", "Blackwood", "Montgomery"];

    readonly ConcurrentBag<StoredWorker> sent = [];
    readonly ConcurrentBag<IReadOnlyDictionary<string, string?>> rows = [];
    readonly ConcurrentBag<string> failures = [];
    int count;

    public IReadOnlyCollection<StoredWorker> Sent => sent;

    public IReadOnlyCollection<string> Failures => failures;

    /// <summary>Every record sent (accepted or not): its names must not show up in any log either.</summary>
    public IReadOnlyCollection<IReadOnlyDictionary<string, string?>> Rows => rows;

    public async Task SendAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref count);
        var row = Records.Contractor(context.NewWorkerId(), Givens[n % Givens.Length], Families[n / Givens.Length % Families.Length]);
        rows.Add(row);
        using var request = context.SignedWebhook(MeshLauncher.SampleSource, Records.Webhook($"good-{Guid.NewGuid()}", row));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode != 202 || (int?)JsonNode.Parse(body)?["accepted"] != 1)
            {
                failures.Add($"good webhook for worker {row["WorkerID"]} answered {(int)response.StatusCode}: {body}");
                return;
            }

            sent.Add(Records.Stored(row));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            failures.Add($"good webhook for worker {row["WorkerID"]} failed: {exception.Message}");
        }
    }
}
