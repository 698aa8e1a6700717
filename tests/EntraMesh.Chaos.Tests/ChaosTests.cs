using EntraMesh.Testing.Chaos.Disruption;
using EntraMesh.Testing.Chaos.Reporting;

namespace EntraMesh.Chaos.Tests;

/// <summary>
/// While HR traffic flows through the gateway, every service is killed with SIGKILL and restarted, RabbitMQ and PostgreSQL
/// are restarted (a private node and cluster), and the Entra emulator storms with 429s, 500/503s, timeouts and dropped
/// connections. Afterwards the mesh must have lost nothing, gone back nowhere and applied nothing twice.
/// </summary>
public sealed class ChaosTests(ChaosFixture chaos, ITestOutputHelper output) : IClassFixture<ChaosFixture>
{
    [Fact]
    public void The_run_sent_steady_traffic_and_Entra_ended_with_users()
    {
        var report = chaos.Report;
        output.WriteLine(ReportText.Describe(report));
        Assert.True(report.Delivery.Sent > report.Workers, $"only the initial import was sent: {ReportText.Figures(report)}");
        Assert.True(report.Directory.Delivered > report.Workers / 2, $"fewer than half the workers are in Entra with their latest values: {ReportText.Figures(report)}");
    }

    [Fact]
    public void Every_accepted_record_reached_Entra_with_its_latest_values() => chaos.AssertHeld(Checks.LostOrStale);

    [Fact]
    public void No_worker_state_went_backwards_in_reconciliation_or_in_Entra() => chaos.AssertHeld(Checks.Backwards);

    [Fact]
    public void No_operation_was_applied_twice_in_a_way_that_changed_the_result() => chaos.AssertHeld(Checks.AppliedTwice);

    [Fact]
    public void Reconciliation_shows_every_worker_succeeded_or_explains_why_not() => chaos.AssertHeld(Checks.Unexplained);

    [Fact]
    public void Ingest_accepted_every_record_the_HR_system_sent_while_the_gateway_and_ingest_crashed() => chaos.AssertHeld(Checks.Delivery);

    [Fact]
    public void The_mesh_settles_after_the_chaos_with_nothing_left_in_an_error_queue() => chaos.AssertHeld(Checks.Settled, Checks.Poison);

    [Fact]
    public void Every_service_the_broker_and_the_database_went_down_and_Entra_stormed()
    {
        chaos.AssertHeld(Checks.Chaos);
        var report = chaos.Report;
        var killed = report.Disruptions.Where(d => d.Disruption.Kind == DisruptionKind.KillService).Select(d => d.Disruption.Target).ToHashSet();
        Assert.Equal(["dispatch", "emulator", "gateway", "ingest", "mapping", "reconciliation"], killed.Order());
        Assert.Contains(report.Disruptions, d => d.Disruption.Kind is DisruptionKind.RestartBroker or DisruptionKind.KillBroker);
        Assert.Contains(report.Disruptions, d => d.Disruption.Kind is DisruptionKind.RestartDatabase or DisruptionKind.KillDatabase);
        // Each storm draws its faults at random per call, so each storm is asserted as a whole, not each kind of fault.
        string[][] storms = [["TooManyRequests"], ["InternalServerError", "ServiceUnavailable"], ["Timeout", "DroppedConnection", "DropAfterProcessing"]];
        foreach (var storm in storms)
        {
            Assert.True(storm.Sum(fault => report.Emulator.InjectedFaults.GetValueOrDefault(fault)) > 0,
                $"none of {string.Join(", ", storm)} was injected: {ReportText.Figures(report)}");
        }

        Assert.True(report.Load.FailedAttempts.Values.Sum() > 0, "the HR system never met a failed request, so the crashes were not exercised");
    }
}
