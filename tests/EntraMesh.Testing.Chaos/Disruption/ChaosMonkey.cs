using System.Diagnostics;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing.Chaos.Infrastructure;

namespace EntraMesh.Testing.Chaos.Disruption;

/// <summary>
/// Carries out the chaos schedule, spread evenly over the load: each strike waits for its time, hits, and brings the victim
/// back (a killed service is started again and must answer <c>/health/ready</c>; a storm is cleared). Strikes follow one
/// another, so every outage ends before the next begins and each one's effect can be told apart.
/// </summary>
public sealed class ChaosMonkey(
    MeshLauncher mesh, PrivateInfrastructure infrastructure, EmulatorInspectionClient emulator, EmulatorTotals totals,
    ChaosOptions options, Action<string> log)
{
    readonly List<DisruptionRecord> records = [];

    public IReadOnlyList<DisruptionRecord> Records
    {
        get
        {
            lock (records) return [.. records];
        }
    }

    public async Task RunAsync(IReadOnlyList<Disruption> schedule, DateTime start, TimeSpan over, CancellationToken cancellationToken)
    {
        var spacing = over / (schedule.Count + 1);
        for (var i = 0; i < schedule.Count; i++)
        {
            var due = start + spacing * (i + 1);
            if (due > DateTime.UtcNow) await Task.Delay(due - DateTime.UtcNow, cancellationToken);
            await StrikeAsync(schedule[i], cancellationToken);
        }
    }

    async Task StrikeAsync(Disruption disruption, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        string? problem = null;
        log($"chaos: {disruption}");
        try
        {
            switch (disruption.Kind)
            {
                case DisruptionKind.KillService:
                    await KillServiceAsync(disruption.Target, cancellationToken);
                    break;
                case DisruptionKind.RestartBroker:
                    await infrastructure.RestartAsync(Component.RabbitMq, cancellationToken);
                    break;
                case DisruptionKind.KillBroker:
                    await infrastructure.KillAsync(Component.RabbitMq, cancellationToken);
                    await Task.Delay(options.Downtime, cancellationToken);
                    await infrastructure.StartAsync(Component.RabbitMq, cancellationToken);
                    break;
                case DisruptionKind.RestartDatabase:
                    await infrastructure.RestartAsync(Component.Postgres, cancellationToken);
                    await infrastructure.WaitForPostgresAsync(TimeSpan.FromSeconds(60), cancellationToken);
                    break;
                case DisruptionKind.KillDatabase:
                    await infrastructure.KillAsync(Component.Postgres, cancellationToken);
                    await Task.Delay(options.Downtime, cancellationToken);
                    await infrastructure.StartAsync(Component.Postgres, cancellationToken);
                    await infrastructure.WaitForPostgresAsync(TimeSpan.FromSeconds(60), cancellationToken);
                    break;
                case DisruptionKind.EntraStorm:
                    await emulator.SetFaultsAsync(disruption.Faults!, cancellationToken);
                    await Task.Delay(options.StormDuration, cancellationToken);
                    await emulator.ClearFaultsAsync(cancellationToken);
                    break;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            problem = $"{disruption}: {error.Message}";
            log($"chaos: {problem}");
        }

        lock (records) records.Add(new DisruptionRecord(disruption, at, clock.Elapsed, problem));
        log($"chaos: {disruption} over, everything back after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    async Task KillServiceAsync(string service, CancellationToken cancellationToken)
    {
        // Import uploads on the wire are cut too: they carry an Idempotency-Key, so the HR system sends them again.
        if (service == "emulator") await KeepCountersAsync(cancellationToken);
        mesh.Kill(service);
        await Task.Delay(options.Downtime, cancellationToken);
        await mesh.RestartAsync(service, cancellationToken);
    }

    /// <summary>
    /// Adds the emulator's counters to the totals before it is killed (they start from zero again). An emulator that does
    /// not answer right now is killed all the same: the strike matters more than the figures, and the miss is logged.
    /// </summary>
    async Task KeepCountersAsync(CancellationToken cancellationToken)
    {
        try
        {
            totals.Add(await emulator.GetCountersAsync(cancellationToken));
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            totals.MissedReading();
            log($"chaos: the emulator's counters could not be read before the kill ({error.Message}); its figures since the last reading are lost");
        }
    }
}
