using System.Globalization;
using EntraMesh.Bench.Infrastructure;
using EntraMesh.Bench.Load;
using EntraMesh.Bench.Measures;
using EntraMesh.Bench.Reporting;
using EntraMesh.Benchmarking;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Launcher.Sample;

namespace EntraMesh.Bench.Scenarios;

/// <summary>
/// 50,000 updates wait in dispatch (built while its sending was held, then sent at Entra's rate) when terminations arrive one
/// by one: the time from ingest's acceptance of each termination until the bulkUpload call that carried it.
/// </summary>
public sealed class LeaverScenario : IScenario
{
    const int DailyBudget = 6000;
    const double GoalSeconds = 5;
    const int Backlog = 50_000;

    public string Name => "leaver";
    public string Title => "Leaver under backlog";

    public string Method =>
        "58,000 active workers are imported (CSV through the gateway) and provisioned; then a CSV gives all but five of them a new job\n" +
        "title: 58,000 updates. While ingest and mapping take them in, dispatch runs with its sending held\n" +
        "(`Dispatch:SendingEnabled=false`, as during an outage of Entra or of dispatch's sender), so the whole backlog waits in its\n" +
        "pending store. Then dispatch is restarted sending, at Entra's rate (40 calls per 5 s, 400 operations/s); after 10 s of sending\n" +
        "(past the first window's burst of calls) five terminations (signed webhooks, `deleted: true`) arrive one after another, each\n" +
        "once the previous one's call was made, the first with 50,000 or more updates pending (the backlog drains meanwhile). Time:\n" +
        "reconciliation's step timestamps of the termination, from ingest's acceptance to dispatch's record of Entra's 202 for the call\n" +
        "carrying it. The emulator and dispatch use the Governance daily budget (6,000). Goal: at most 5 s (the slowest of the five,\n" +
        "median over the runs).";

    public IReadOnlyList<Column> Columns { get; } =
    [
        new("pending when the first arrived", "pending"),
        new("terminations", "terminations"),
        new("accepted → call, median, s", "median_s", "0.00"),
        new("slowest, s", "slowest_s", "0.00"),
        new("accepted → outcome, slowest, s", "outcome_s", "0.00"),
    ];

    public async Task<RunFigures> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var backlog = context.Quick ? 500 : Backlog;
        // Dispatch sends 400 operations/s once it sends again: the terminations go within seconds, so a few thousand more suffice.
        var workers = context.Quick ? 3_000 : 58_000;
        var terminations = context.Quick ? 2 : 5;
        var population = new Population(workers + terminations, seed: 5050);
        var rows = population.Rows.Select(Workforce.Active).ToList();
        var managers = rows.Select(r => r["ManagerID"]).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        var leavers = rows.Where(r => !managers.Contains(r["WorkerID"])).TakeLast(terminations).ToList();
        var leaverIds = leavers.Select(r => r["WorkerID"]).ToHashSet(StringComparer.Ordinal);

        var load = Machine.LoadAverage();
        var profile = new MeshProfile { DailyBudget = DailyBudget };
        await using var mesh = await BenchMesh.StartAsync(context, profile, cancellationToken);
        await using var dispatch = new DispatchProbe(mesh.ConnectionString);
        BenchContext.Say($"mesh started in {mesh.StartTime.TotalSeconds:0.0} s; {profile.Describe()}; provisioning {rows.Count:N0} workers");
        await ImportAsync(mesh, population.ToCsv(Workforce.Active), rows.Count, cancellationToken);
        await Quiescence.WaitAsync(mesh, TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(rows.Count / 300.0), cancellationToken);

        BenchContext.Say($"importing {workers:N0} updates with dispatch's sending held; terminations arrive once they all wait in dispatch");
        await mesh.Mesh.RestartAsync("dispatch", HoldSending, cancellationToken);
        var updates = population.ToCsv(row => leaverIds.Contains(row["WorkerID"]) ? Workforce.Active(row) : Workforce.Promoted(Workforce.Active(row)));
        await ImportAsync(mesh, updates, rows.Count, cancellationToken);
        await WaitUntilPlannedAsync(mesh, cancellationToken);
        await mesh.Mesh.RestartAsync("dispatch", cancellationToken);
        // The first window's 40 calls go at once; a termination meets the steady pace after it.
        await Task.Delay(context.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10), cancellationToken);
        var pending = await dispatch.PendingAsync(cancellationToken);
        BenchContext.Say($"{pending:N0} changes pending in dispatch{(pending < backlog ? $" (fewer than {backlog:N0}: dispatch sent more than expected before the first termination)" : "")}");

        var cpu = mesh.SampleCpu();
        using var sender = new WebhookSender(mesh.Mesh.GatewayUrl, MeshLauncher.SampleSource, mesh.Mesh.Secrets.WebhookSecret);
        var toCall = new List<double>();
        var toOutcome = new List<double>();
        var firstPending = pending;
        foreach (var leaver in leavers)
        {
            var waiting = await dispatch.PendingAsync(cancellationToken);
            var body = WebhookBodies.Serialize([.. Workforce.Records([leaver], $"leaver-{Guid.NewGuid():N}-", deleted: true)]);
            var answer = await sender.PostAsync(body, cancellationToken);
            if (answer.Status != 202 || answer.Accepted != 1) throw new InvalidOperationException($"the termination of {leaver["WorkerID"]} was answered {answer.Status}.");
            var steps = await FollowAsync(mesh.Gateway, leaver["WorkerID"], cancellationToken);
            var call = (steps.Submitted!.Value - steps.Accepted!.Value).TotalSeconds;
            var outcome = (steps.Updated - steps.Accepted!.Value).TotalSeconds;
            toCall.Add(call);
            toOutcome.Add(outcome);
            BenchContext.Say(string.Create(CultureInfo.InvariantCulture,
                $"termination of {leaver["WorkerID"]} with {waiting:N0} changes pending: accepted → call {call:0.00} s ({StepTimes.DescribeHops([steps], 0.50)}), → outcome {outcome:0.00} s"));
        }

        var cpuProfile = cpu.Stop();
        BenchContext.Say($"CPU while the terminations went through: {cpuProfile.Describe()}");
        return new RunFigures(new Dictionary<string, double>
        {
            ["pending"] = firstPending,
            ["terminations"] = toCall.Count,
            ["median_s"] = Stats.Median(toCall),
            ["slowest_s"] = toCall.Max(),
            ["outcome_s"] = toOutcome.Max(),
        }, cpuProfile, load);
    }

    static readonly Dictionary<string, string> HoldSending = new() { ["Dispatch__SendingEnabled"] = "false" };

    static async Task ImportAsync(BenchMesh mesh, byte[] csv, int rows, CancellationToken cancellationToken)
    {
        var id = await mesh.Gateway.ImportCsvAsync(MeshLauncher.SampleSource, new MemoryStream(csv), cancellationToken: cancellationToken);
        var done = await mesh.Gateway.WaitForImportAsync(id, timeout: TimeSpan.FromMinutes(20), cancellationToken: cancellationToken);
        if ((long?)done["rowsAccepted"] != rows) throw new InvalidOperationException($"import {id} ended {done.ToJsonString()}; expected {rows} rows accepted.");
    }

    /// <summary>Waits until every imported record went through mapping into dispatch: their queues stay empty for a second.</summary>
    static async Task WaitUntilPlannedAsync(BenchMesh mesh, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(15);
        var emptyChecks = 0;
        while (emptyChecks < 3)
        {
            var waiting = await mesh.MessagesInQueuesAsync(cancellationToken, "mapping-worker-record-accepted", "planned-change");
            emptyChecks = waiting == 0 ? emptyChecks + 1 : 0;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("mapping and dispatch did not take in the imported records within 15 minutes.");
            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>Waits until reconciliation shows the worker's leaver submitted and its outcome; the times of its steps.</summary>
    static async Task<StepTimes> FollowAsync(GatewayClient gateway, string workerId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (await StepTimes.ReadAsync(gateway, workerId, "Leaver", cancellationToken) is { Submitted: not null, State: "Succeeded" or "Failed" } steps) return steps;
            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"the termination of worker {workerId} was not sent and observed within 5 minutes.");
    }

    public IReadOnlyList<GoalCheck> Goals(Figures figures) =>
    [
        new(string.Create(CultureInfo.InvariantCulture, $"≤ {GoalSeconds:0} s to the call (slowest termination)"), figures.Median("slowest_s") <= GoalSeconds),
        new(string.Create(CultureInfo.InvariantCulture, $"{Backlog:N0} or more pending when the first termination arrived (every run)"), figures.Min("pending") >= Backlog),
    ];

    public string LimitedBy(Figures figures, CpuProfile cpu) =>
        "the pipeline hops (ingest → mapping → dispatch) and the next call: a leaver goes in its target's next call, ahead of every pending " +
        "update, in the call of each rate window kept for leavers; a second leaver in the same window waits for the next free call";
}
