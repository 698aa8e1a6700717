using System.Diagnostics;
using System.Text.Json.Nodes;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing.Chaos.Disruption;
using EntraMesh.Testing.Chaos.Infrastructure;
using EntraMesh.Testing.Chaos.Load;
using EntraMesh.Testing.Chaos.Observation;
using EntraMesh.Testing.Chaos.Reporting;
using EntraMesh.Testing.Chaos.Verification;

namespace EntraMesh.Testing.Chaos;

/// <summary>
/// One chaos run from start to end: a private RabbitMQ and PostgreSQL, the whole mesh as real processes, the initial
/// import, then the steady HR load while the chaos schedule strikes, the wait for quiescence (and the operator's replay of
/// workers whose manager reached Entra after them), and the checks. Used by the CI test and the bench alike.
/// </summary>
public sealed class ChaosRun(ChaosOptions options, Action<string> log)
{
    const string UnresolvedManager = "UnableToResolveReferenceAttributeValue";

    /// <summary>
    /// How long the HR system waits for an answer. Generous: a loaded shared machine can take tens of seconds to answer, and
    /// every attempt that times out is one more sent (a CSV upload again in full, with its Idempotency-Key).
    /// </summary>
    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.RunDirectory);
        log($"chaos run in {options.RunDirectory}: {options.Workers} workers, {options.LoadDuration.TotalSeconds:0} s of load, {options.Rounds} round(s)");
        await using var infrastructure = await PrivateInfrastructure.StartAsync(options.Root, Path.Combine(options.RunDirectory, "infra"), log, cancellationToken);
        log($"private PostgreSQL on {infrastructure.Ports.Postgres}, RabbitMQ on {infrastructure.Ports.Amqp} (management {infrastructure.Ports.Management})");
        var mesh = MeshLauncher.Create(new MeshOptions
        {
            Root = options.Root,
            RunDirectory = Path.Combine(options.RunDirectory, "mesh"),
            Configuration = options.Configuration,
            PostgresAdminConnectionString = infrastructure.PostgresAdminConnectionString,
            Database = "entramesh",
            RabbitMqUri = infrastructure.RabbitMqUri,
            EmulatorLimits = true,
            Settings = ChaosSettings.ForServices(),
        });
        try
        {
            await mesh.StartAsync(message => log("  " + message), cancellationToken);
            return await DriveAsync(mesh, infrastructure, started, clock, cancellationToken);
        }
        finally
        {
            await mesh.StopAsync();
        }
    }

    async Task<ChaosReport> DriveAsync(MeshLauncher mesh, PrivateInfrastructure infrastructure, DateTimeOffset started, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(new HttpClient { BaseAddress = mesh.GatewayUrl, Timeout = RequestTimeout },
            mesh.Secrets.OperatorApiKey, mesh.Secrets.WebhookSecret);
        using var emulatorHttp = new HttpClient(mesh.EmulatorTrustingHandler()) { BaseAddress = mesh.EmulatorUrl, Timeout = TimeSpan.FromSeconds(20) };
        var emulator = new EmulatorInspectionClient(emulatorHttp);
        var workforce = new Workforce.Workforce(options.Workers, options.Seed);
        var counters = new LoadCounters();
        var imports = new ImportSender(gateway, mesh.Secrets.OperatorApiKey, counters, log);
        var load = new LoadGenerator(workforce, new WebhookSender(gateway, counters, log), imports, options, log);
        var reconciliation = new ReconciliationReader(gateway);
        var tracker = new MonotonicityTracker();
        var sampler = new StateSampler(reconciliation, emulator, tracker, options.SampleInterval);
        var totals = new EmulatorTotals();
        var monkey = new ChaosMonkey(mesh, infrastructure, emulator, totals, options, log);

        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var samplerTask = sampler.RunAsync(sampling.Token);

        await load.HireAsync(DateTime.UtcNow.AddMinutes(3), cancellationToken);
        var loadStart = DateTime.UtcNow;
        var loadEnd = loadStart + options.LoadDuration;
        var schedule = DisruptionSchedule.For(options);
        log($"steady load until {loadEnd:HH:mm:ss}; {schedule.Count} disruptions");
        var strikes = monkey.RunAsync(schedule, loadStart, options.LoadDuration, cancellationToken);
        await Task.WhenAll(load.RunAsync(loadEnd, strikes, options.QuiescenceTimeout / 2, cancellationToken), strikes);
        await emulator.ClearFaultsAsync(cancellationToken);
        log($"load over after {DateTime.UtcNow - loadStart:mm\\:ss}: {counters.WebhookRecords} webhook records, {counters.ImportRows} import rows; waiting for quiescence");

        var quiescence = new Quiescence(reconciliation, infrastructure.Management, PrivateInfrastructure.VirtualHost, emulator);
        var expected = workforce.Workers.ToDictionary(worker => worker.Id, worker => worker.ExpectedRevision, StringComparer.Ordinal);
        var quiet = await quiescence.WaitAsync(expected, options.QuiescenceTimeout, cancellationToken);
        log(quiet.Reached ? $"quiescent after {quiet.Elapsed.TotalSeconds:0.0} s" : $"NOT quiescent after {quiet.Elapsed.TotalSeconds:0} s: {string.Join(" | ", quiet.Blockers)}");
        await sampling.CancelAsync();
        await samplerTask;

        var (replayed, afterReplay) = await ReplayUnresolvedManagersAsync(gateway, quiescence, expected, quiet.Reached, cancellationToken);
        totals.Add(await emulator.GetCountersAsync(cancellationToken));

        var rows = await reconciliation.ListAsync(null, cancellationToken);
        var reconciled = ReconciliationCheck.Run(workforce.Workers, rows);
        var directory = DirectoryCheck.Run(workforce.Workers, await emulator.GetUsersAsync(cancellationToken), reconciled.Explained);
        var reader = new ProvisioningLogReader(emulatorHttp, mesh.Secrets.EntraClientSecret);
        var entries = (await reader.ReadAsync(EmulatorTenant.CloudJobId, cancellationToken)).Concat(await reader.ReadAsync(EmulatorTenant.OnPremisesJobId, cancellationToken)).ToList();
        var jobTargets = new Dictionary<string, string> { [EmulatorTenant.CloudJobId] = EmulatorTenant.CloudTarget, [EmulatorTenant.OnPremisesJobId] = EmulatorTenant.OnPremisesTarget };
        var logs = ProvisioningLogCheck.Run(workforce.Workers, jobTargets, entries);
        var delivery = DeliveryCheck.Run(workforce.Workers);
        var errorQueues = (await infrastructure.Management.GetQueuesAsync(PrivateInfrastructure.VirtualHost))
            .Where(queue => queue.Name.EndsWith("_error", StringComparison.Ordinal) && queue.Messages > 0)
            .ToDictionary(queue => queue.Name, queue => queue.Messages ?? 0);

        var (restartsAfterReplay, restartsBackwards) = await ReplayedRestarts.SortAsync(gateway, tracker.SameRevisionRestarts, cancellationToken);
        if (restartsAfterReplay > 0) log($"{restartsAfterReplay} same-revision restarts were new attempts after a replay (the timeline records it)");
        var settled = quiet.Reached && afterReplay?.Reached != false ? new List<string>() : [.. quiet.Blockers, .. afterReplay?.Blockers ?? []];
        var findings = new Dictionary<string, IReadOnlyList<string>>
        {
            [Checks.LostOrStale] = directory.Findings,
            [Checks.Backwards] = [.. tracker.Violations, .. restartsBackwards, .. logs.Findings.Where(f => f.Contains("after entry", StringComparison.Ordinal))],
            [Checks.AppliedTwice] = [.. logs.Findings.Where(f => !f.Contains("after entry", StringComparison.Ordinal))],
            [Checks.Unexplained] = reconciled.Findings,
            [Checks.Delivery] = [.. imports.AmbiguousUploads, .. delivery.Findings],
            [Checks.Settled] = settled,
            [Checks.Chaos] = [.. monkey.Records.Where(record => record.Problem is not null).Select(record => record.Problem!)],
            [Checks.Poison] = [.. errorQueues.Select(queue => $"{queue.Key}: {queue.Value} messages")],
        };
        var report = new ChaosReport
        {
            Options = options, StartedAt = started, Duration = clock.Elapsed, Workers = workforce.Workers.Count, Load = counters, Delivery = delivery,
            Disruptions = monkey.Records, Emulator = totals, Quiescence = quiet, Replayed = replayed, AfterReplay = afterReplay,
            Samples = sampler.Samples, SamplesMissed = sampler.Missed, Directory = directory, Logs = logs, Reconciliation = reconciled,
            ErrorQueues = errorQueues, Findings = findings,
        };
        return report.Passed ? report : report with { ServiceLogs = ServiceLogs(mesh) };
    }

    /// <summary>
    /// Entra resolves manager.value only against users it already has: a report whose change reached Entra before its
    /// manager's first provisioning fails with UnableToResolveReferenceAttributeValue (the user is written, the manager is
    /// not). Reconciliation replays such a worker itself a few times; what it could not fix, the operator replays here once
    /// the managers are there, as in the run command's sample.
    /// </summary>
    async Task<(int Replayed, Quiescence.Result? After)> ReplayUnresolvedManagersAsync(
        GatewayClient gateway, Quiescence quiescence, IReadOnlyDictionary<string, long> expected, bool quiet, CancellationToken cancellationToken)
    {
        if (!quiet) return (0, null);
        var answer = await gateway.SendForJsonAsync(HttpMethod.Post, "/api/reconciliation/workers/replay", new JsonObject
        {
            ["reason"] = "managers are provisioned now",
            ["states"] = new JsonArray("Failed"),
            ["errorCode"] = UnresolvedManager,
            ["sourceId"] = MeshLauncher.SampleSource,
        }, cancellationToken);
        var replayed = (int?)answer?["matched"] ?? 0;
        if (replayed == 0) return (0, null);
        log($"operator replays {replayed} workers that failed with {UnresolvedManager}");
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var after = await quiescence.WaitAsync(expected, options.QuiescenceTimeout, cancellationToken);
        log(after.Reached ? $"quiescent again after {after.Elapsed.TotalSeconds:0.0} s" : $"NOT quiescent after the replay: {string.Join(" | ", after.Blockers)}");
        return (replayed, after);
    }

    static string ServiceLogs(MeshLauncher mesh) =>
        string.Join("\n", mesh.Services.Values.Select(service => $"---- {service.Name} ({service.LogFile})\n{service.Tail(40)}"));
}
