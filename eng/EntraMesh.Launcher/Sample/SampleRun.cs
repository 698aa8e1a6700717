using System.Text.Json.Nodes;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.Launcher.Sample;

/// <summary>
/// The sample the run command plays: Microsoft's CSV2SCIM sample file and a generated population of 1,000 workers are
/// imported; then signed webhooks move one worker to another OU, terminate two, and rehire one of them. It shows
/// progress while the changes flow and prints where everyone stands.
/// </summary>
public sealed class SampleRun(GatewayClient gateway, HttpClient emulator, string root, Action<string> write)
{
    public const int PopulationSize = 1000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sampleCsv = Path.Combine(root, "samples", "rules", "csv2scim-sample-2-records.csv");
        write($"importing Microsoft's CSV2SCIM sample ({Path.GetFileName(sampleCsv)})");
        await ImportAsync(File.OpenRead(sampleCsv), cancellationToken);

        var population = new Population(PopulationSize);
        write($"importing a generated population of {PopulationSize:N0} workers");
        await ImportAsync(new MemoryStream(population.ToCsv()), cancellationToken);
        await WaitForQuietAsync(cancellationToken);
        await ReplayUnresolvedManagersAsync(cancellationToken);

        var mover = population.Pick(r => r["WorkerType"] == "Employee" && r["WorkerStatus"] == "Active" && r["Location"] == "Europe");
        var leaver = population.Pick(r => r["WorkerType"] == "Contractor" && r["WorkerStatus"] == "Active");
        var rehire = population.Pick(r => r["WorkerType"] == "Employee" && r["WorkerStatus"] == "Active" && r["WorkerID"] != mover["WorkerID"]);
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        write($"webhook: worker {mover["WorkerID"]} moves from Europe to North America (a mover: new OU); " +
              $"workers {leaver["WorkerID"]} and {rehire["WorkerID"]} leave");
        await WebhookAsync(
        [
            new WorkerChange($"sample-{run}-move", With(mover, ("Location", "North America"), ("City", "Chicago"), ("CountryCode", "US"))),
            new WorkerChange($"sample-{run}-leave-1", With(leaver, ("WorkerStatus", "Inactive"))),
            new WorkerChange($"sample-{run}-leave-2", With(rehire, ("WorkerStatus", "Inactive"))),
        ], cancellationToken);
        await WaitForQuietAsync(cancellationToken);

        write($"webhook: worker {rehire["WorkerID"]} is rehired");
        await WebhookAsync([new WorkerChange($"sample-{run}-rehire", With(rehire, ("WorkerStatus", "Active")))], cancellationToken);
        await WaitForQuietAsync(cancellationToken);

        foreach (var (what, worker) in new[] { ("mover", mover), ("leaver", leaver), ("rehire", rehire) })
        {
            var state = await gateway.GetWorkerAsync(MeshLauncher.SampleSource, worker["WorkerID"], cancellationToken);
            write($"  {what,-7} {worker["WorkerID"]}: {Describe(state)}");
        }

        // What keeps a tenant inside Entra's daily budget: a file delivered again unchanged costs no call.
        var before = await BulkUploadCallsAsync(cancellationToken);
        write($"re-importing the same {PopulationSize:N0} workers unchanged (CSV2SCIM would send them all again: {PopulationSize / 50} calls)");
        await ImportAsync(new MemoryStream(population.ToCsv(row => row["WorkerID"] == mover["WorkerID"]
            ? With(mover, ("Location", "North America"), ("City", "Chicago"), ("CountryCode", "US")).ToDictionary(p => p.Key, p => p.Value!)
            : row["WorkerID"] == leaver["WorkerID"] ? With(leaver, ("WorkerStatus", "Inactive")).ToDictionary(p => p.Key, p => p.Value!) : row)), cancellationToken);
        await WaitForQuietAsync(cancellationToken);
        write($"  bulkUpload calls for the unchanged re-import: {await BulkUploadCallsAsync(cancellationToken) - before}");
    }

    async Task<long> BulkUploadCallsAsync(CancellationToken cancellationToken)
    {
        var counters = JsonNode.Parse(await emulator.GetStringAsync("/_emulator/counters", cancellationToken));
        return (long?)counters?["calls"]?["BulkUpload"] ?? 0;
    }

    /// <summary>
    /// Entra resolves manager.value by externalId; a report that reached Entra before its manager fails with
    /// UnableToResolveReferenceAttributeValue. Reconciliation replays those workers itself a few times; what still fails
    /// (a manager that exists nowhere) an operator can replay in bulk once the HR data is fixed, as shown here.
    /// </summary>
    async Task ReplayUnresolvedManagersAsync(CancellationToken cancellationToken)
    {
        const string unresolved = "UnableToResolveReferenceAttributeValue";
        var replay = await gateway.SendForJsonAsync(HttpMethod.Post, "/api/reconciliation/workers/replay", new JsonObject
        {
            ["reason"] = "managers are provisioned now",
            ["states"] = new JsonArray("Failed"),
            ["errorCode"] = unresolved,
            ["sourceId"] = MeshLauncher.SampleSource,
        }, cancellationToken);
        var count = (int?)replay?["matched"] ?? 0;
        write($"operator bulk replay of workers still failed with {unresolved} after reconciliation's automatic replays: {count}");
        await WaitForQuietAsync(cancellationToken);
    }

    async Task ImportAsync(Stream csv, CancellationToken cancellationToken)
    {
        await using (csv)
        {
            var id = await gateway.ImportCsvAsync(MeshLauncher.SampleSource, csv, cancellationToken: cancellationToken);
            var done = await gateway.WaitForImportAsync(id, cancellationToken: cancellationToken);
            write($"  import {id}: {done["status"]}, read {done["rowsRead"]}, accepted {done["rowsAccepted"]}, rejected {done["rowsRejected"]}");
        }
    }

    async Task WebhookAsync(IReadOnlyList<WorkerChange> changes, CancellationToken cancellationToken)
    {
        var (status, body) = await gateway.PostWebhookAsync(MeshLauncher.SampleSource, changes, cancellationToken);
        write($"  webhook answered {(int)status}: accepted {body?["accepted"]}, duplicates {body?["duplicates"]}, rejected {body?["rejected"]}");
    }

    /// <summary>Shows the counts by state every second until nothing is in flight for a few seconds.</summary>
    async Task WaitForQuietAsync(CancellationToken cancellationToken)
    {
        var quietSince = DateTime.UtcNow;
        var last = "";
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000, cancellationToken);
            var summary = await gateway.GetSummaryAsync(cancellationToken);
            var counts = SummaryView.CountsByState(summary);
            var line = string.Join("  ", counts.Select(c => $"{c.Key} {c.Value}"));
            if (line != last)
            {
                write($"  {line}");
                last = line;
                quietSince = DateTime.UtcNow;
            }

            if (!SummaryView.InFlight(counts) && DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(3)) return;
        }
    }

    static Dictionary<string, string?> With(IReadOnlyDictionary<string, string> row, params (string Key, string Value)[] changes)
    {
        var values = row.ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        foreach (var (key, value) in changes) values[key] = value;
        return values;
    }

    static string Describe(JsonNode? worker)
    {
        if (worker is null) return "unknown to reconciliation";
        var targets = worker["targets"]?.AsArray().Select(t => $"{t?["target"]}: {t?["state"]} ({t?["changeKind"]})") ?? [];
        return $"{worker["state"]} — {string.Join("; ", targets)}";
    }
}
