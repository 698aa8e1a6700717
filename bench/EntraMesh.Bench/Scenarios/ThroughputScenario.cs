using System.Globalization;
using EntraMesh.Bench.Infrastructure;
using EntraMesh.Bench.Load;
using EntraMesh.Bench.Measures;
using EntraMesh.Bench.Reporting;
using EntraMesh.Benchmarking;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Launcher.Sample;

namespace EntraMesh.Bench.Scenarios;

/// <summary>
/// Signed webhooks of 100 new workers each at increasing rates, Entra's limits off, until the mesh no longer keeps up:
/// records per second from accepted to queued in dispatch, and to accepted by the emulator.
/// </summary>
public sealed class ThroughputScenario : IScenario
{
    const int BatchSize = 100;
    const int MaxInFlight = 32;
    const double GoalRate = 2000;

    public string Name => "throughput";
    public string Title => "Throughput";

    public string Method =>
        "Signed EntraMesh webhooks of 100 new (active) workers each are posted to the gateway on a fixed schedule (open loop, up to 32\n" +
        "outstanding) at 250, 500, 1,000, 1,500, 2,000, 2,500, 3,000, 4,000 and 5,000 records/s, 15 s per rate after a warm-up, with Entra's\n" +
        "limits off in the emulator and in dispatch; between rates the mesh is left to settle. A rate's throughput is the steady rate of\n" +
        "its completions (records between the 10th and 90th percentile of their completion times over that time): *queued* when dispatch's\n" +
        "`IdentityChangeQueued` (committed to its pending store) reaches a queue of the benchmark's own, *emulator* when the bulkUpload\n" +
        "call carrying it was answered 202 (the emulator's call log). The ladder stops at the first rate the mesh does not keep up with\n" +
        "(a rate below 90% of the offered one); the table shows the highest steady rates reached. *Mesh CPU* is the core-seconds the\n" +
        "mesh's processes (services, its PostgreSQL backends, RabbitMQ) used per 1,000 records at the last rate, from its first webhook\n" +
        "until the mesh was quiet again; the *CPU-bound estimate* divides the machine's 2 cores by it: the rate the mesh would reach\n" +
        "with both cores to itself. The cost is overstated (RabbitMQ is shared with other tests, idle polling counts, and CPU time grows\n" +
        "on an oversubscribed machine), so the estimate is a floor, not a ceiling. Goal: at least 2,000 records/s.";

    public IReadOnlyList<Column> Columns { get; } =
    [
        new("kept up with, records/s offered", "kept_up"),
        new("saturated at, records/s offered", "saturated_at"),
        new("accepted by ingest, records/s (peak)", "ingest_peak"),
        new("accepted → queued in dispatch, records/s (peak)", "queued_peak"),
        new("accepted → accepted by the emulator, records/s (peak)", "emulator_peak"),
        new("mesh CPU per 1,000 records, core-s (last rate)", "cpu_per_1000", "0.00"),
        new("CPU-bound estimate with 2 cores to itself, records/s", "cpu_bound_rate"),
    ];

    public async Task<RunFigures> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        double[] rates = context.Quick ? [200, 400] : [250, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000];
        var seconds = context.Quick ? 3 : 15;
        var load = Machine.LoadAverage();
        await using var mesh = await BenchMesh.StartAsync(context, new MeshProfile { EntraLimits = false }, cancellationToken);
        BenchContext.Say($"mesh started in {mesh.StartTime.TotalSeconds:0.0} s (limits off)");
        await using var tap = await EventTap.StartAsync(mesh.RabbitMqUri, "entramesh.identity-change-queued", cancellationToken);
        using var sender = new WebhookSender(mesh.Mesh.GatewayUrl, MeshLauncher.SampleSource, mesh.Mesh.Secrets.WebhookSecret);

        var nextWorker = 1_000_000;
        var warmUp = (int)rates[0] * (context.Quick ? 1 : 5);
        BenchContext.Say($"warm-up: {warmUp:N0} records at {rates[0]:N0}/s");
        await StepAsync(mesh, tap, sender, rates[0], warmUp, nextWorker, cancellationToken);
        nextWorker += warmUp;

        var steps = new List<ThroughputStep>();
        foreach (var rate in rates)
        {
            var records = (int)(rate * seconds);
            var step = await StepAsync(mesh, tap, sender, rate, records, nextWorker, cancellationToken);
            nextWorker += records;
            steps.Add(step);
            BenchContext.Say(step.Describe());
            if (!step.KeptUp) break;
        }

        var last = steps[^1];
        BenchContext.Say($"CPU at {last.Nominal:N0}/s: {last.Cpu.Describe()}");
        return new RunFigures(new Dictionary<string, double>
        {
            ["kept_up"] = steps.Where(s => s.KeptUp).Select(s => s.Nominal).DefaultIfEmpty(0).Max(),
            ["saturated_at"] = steps.FirstOrDefault(s => !s.KeptUp)?.Nominal ?? double.NaN,
            ["ingest_peak"] = steps.Max(s => s.Ingested),
            ["queued_peak"] = steps.Max(s => s.Queued),
            ["emulator_peak"] = steps.Max(s => s.ToEmulator),
            ["cpu_per_1000"] = last.MeshCpuPerThousand,
            ["cpu_bound_rate"] = last.Cpu.Cores * 1000 / last.MeshCpuPerThousand,
        }, last.Cpu, load);
    }

    static async Task<ThroughputStep> StepAsync(
        BenchMesh mesh, EventTap tap, WebhookSender sender, double rate, int records, int firstWorker, CancellationToken cancellationToken)
    {
        var population = new Population(records, seed: firstWorker, firstId: firstWorker);
        var bodies = WebhookBodies.Batches(Workforce.Records(population.Rows.Select(Workforce.Active), $"throughput-{firstWorker}-"), BatchSize);
        var tapStart = tap.Count;
        var since = DateTimeOffset.UtcNow;
        var cpu = mesh.SampleCpu();

        var sent = await sender.SendAsync(bodies, rate / BatchSize, MaxInFlight, cancellationToken);
        var accepted = sent.RecordsAccepted;
        var timeout = TimeSpan.FromSeconds(120 + records / 200.0);
        if (!await tap.WaitForCountAsync(tapStart + accepted, timeout, cancellationToken))
        {
            mesh.KeepLogs();
            throw new TimeoutException($"only {tap.Count - tapStart:N0} of {accepted:N0} records were queued in dispatch within {timeout.TotalSeconds:0} s.");
        }

        var calls = await WaitForEmulatorAsync(mesh, since, accepted, timeout, cancellationToken);
        var queued = tap.Since(tapStart);
        var atEmulator = calls.OperationAcceptances();
        var offered = sent.Answers.SelectMany(a => Enumerable.Repeat(a.Sent, BatchSize)).ToList();
        var ingested = sent.Answers.Where(a => a.Accepted > 0).SelectMany(a => Enumerable.Repeat(a.Answered, a.Accepted)).ToList();
        await Quiescence.WaitAsync(mesh, TimeSpan.FromMinutes(15), cancellationToken);
        var profile = cpu.Stop();
        return new ThroughputStep(
            rate, Rates.Steady(offered), records, Rates.Steady(ingested), Rates.Steady(queued), Rates.Steady(atEmulator),
            queued.Max() - sent.LastAnswered, atEmulator.Max() - sent.LastAnswered, sent.Failed, profile);
    }

    /// <summary>Waits until the emulator accepted <paramref name="operations"/> operations of the mesh's tenant since then.</summary>
    static async Task<BulkCalls> WaitForEmulatorAsync(BenchMesh mesh, DateTimeOffset since, int operations, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var calls = await BulkCalls.ReadAsync(mesh.Emulator, EmulatorTenant.TenantId, since, cancellationToken);
            if (calls.OperationsAccepted >= operations) return calls;
            if (DateTime.UtcNow > deadline)
            {
                mesh.KeepLogs();
                throw new TimeoutException($"the emulator accepted {calls.OperationsAccepted:N0} of {operations:N0} operations within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    public IReadOnlyList<GoalCheck> Goals(Figures figures) =>
    [
        new(string.Create(CultureInfo.InvariantCulture, $"≥ {GoalRate:N0} records/s queued"), figures.Median("queued_peak") >= GoalRate),
        new(string.Create(CultureInfo.InvariantCulture, $"≥ {GoalRate:N0} records/s at the emulator"), figures.Median("emulator_peak") >= GoalRate),
    ];

    public string LimitedBy(Figures figures, CpuProfile cpu) => string.Create(CultureInfo.InvariantCulture,
        $"{(cpu.BusyCores >= 0.85 * cpu.Cores ? "CPU: the cores were busy" : "not CPU-bound")} at the last rate; busiest: {cpu.Busiest(4)}; " +
        $"other processes on the machine: {cpu.Others:0.00} cores");
}
