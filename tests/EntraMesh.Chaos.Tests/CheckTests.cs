using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing.Chaos.Observation;
using EntraMesh.Testing.Chaos.Verification;
using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Chaos.Tests;

/// <summary>The chaos run's checks catch what they are there to catch (a check that cannot fail proves nothing).</summary>
public sealed class CheckTests
{
    static readonly Dictionary<string, string> NoneExplained = [];

    [Fact]
    public void A_revision_or_stage_going_back_in_reconciliation_is_a_violation_and_going_forward_is_not()
    {
        var tracker = new MonotonicityTracker();
        var at = DateTimeOffset.UtcNow;
        tracker.ObserveLane("W1", EmulatorTenant.CloudTarget, 1, "Submitted", null, at);
        tracker.ObserveLane("W1", EmulatorTenant.CloudTarget, 1, "Succeeded", null, at.AddSeconds(1));
        tracker.ObserveLane("W1", EmulatorTenant.CloudTarget, 2, "Accepted", null, at.AddSeconds(2));
        Assert.Empty(tracker.Violations);

        tracker.ObserveLane("W1", EmulatorTenant.CloudTarget, 1, "Succeeded", null, at.AddSeconds(3));
        tracker.ObserveLane("W2", EmulatorTenant.CloudTarget, 3, "Queued", null, at);
        tracker.ObserveLane("W2", EmulatorTenant.CloudTarget, 3, "Planned", null, at.AddSeconds(1));
        Assert.Single(tracker.Violations);
        // An earlier stage of the same revision is backwards unless a replay began a new attempt: the run checks the timeline.
        var restart = Assert.Single(tracker.SameRevisionRestarts);
        Assert.Equal(("W2", 3L, at, at.AddSeconds(1)), (restart.Worker, restart.Revision, restart.From, restart.To));
    }

    [Fact]
    public void An_older_change_taking_over_a_target_that_showed_only_a_NoChange_skip_is_not_a_violation_but_a_worker_revision_going_back_is()
    {
        var tracker = new MonotonicityTracker();
        var at = DateTimeOffset.UtcNow;
        tracker.ObserveLane("W1", EmulatorTenant.CloudTarget, 4, "Skipped", "NoChange", at);
        tracker.ObserveLane("W1", EmulatorTenant.CloudTarget, 3, "Submitted", null, at.AddSeconds(1));
        tracker.ObserveWorker("W1", 4, at);
        tracker.ObserveWorker("W1", 4, at.AddSeconds(1));
        Assert.Empty(tracker.Violations);

        tracker.ObserveWorker("W1", 3, at.AddSeconds(2));
        Assert.Single(tracker.Violations);
    }

    [Fact]
    public void A_user_holding_an_older_records_values_in_Entra_is_a_violation()
    {
        var tracker = new MonotonicityTracker();
        tracker.ObserveValues("W1", EmulatorTenant.OnPremisesTarget, 4, DateTimeOffset.UtcNow);
        tracker.ObserveValues("W1", EmulatorTenant.OnPremisesTarget, 3, DateTimeOffset.UtcNow);
        Assert.Contains("older record 3", Assert.Single(tracker.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public void The_directory_check_accepts_the_latest_values_and_finds_stale_missing_and_misplaced_users()
    {
        var worker = Worker("E1", "Employee", (1, "Engineer"), (2, "Team Lead"));
        var latest = User(worker, worker.Records[1]);

        var good = DirectoryCheck.Run([worker], [latest], NoneExplained);
        Assert.Empty(good.Findings);
        Assert.Equal(1, good.Delivered);

        var stale = DirectoryCheck.Run([worker], [User(worker, worker.Records[0])], NoneExplained);
        Assert.Contains("holds the values of record 1", Assert.Single(stale.Findings), StringComparison.Ordinal);

        Assert.Contains("no user", Assert.Single(DirectoryCheck.Run([worker], [], NoneExplained).Findings), StringComparison.Ordinal);

        var twice = DirectoryCheck.Run([worker], [latest, latest with { Id = "other", OnPremisesDomain = null }], NoneExplained);
        Assert.Contains("also present in", Assert.Single(twice.Findings), StringComparison.Ordinal);
    }

    [Fact]
    public void An_operation_applied_again_that_changed_something_is_found_and_one_that_changed_nothing_is_counted()
    {
        var worker = Worker("C1", "Contractor", (1, "Analyst"), (2, "Consultant"));
        var jobs = new Dictionary<string, string> { [EmulatorTenant.CloudJobId] = EmulatorTenant.CloudTarget };
        var at = DateTimeOffset.UtcNow;
        LogEntry Entry(string id, string bulkId, int seconds, params LogEntry.Change[] changes) =>
            new(id, EmulatorTenant.CloudJobId, at.AddSeconds(seconds), "Update", "success", null, "C1", bulkId, changes);
        var phone = new LogEntry.Change("businessPhones", Marker.For(1), Marker.For(2));

        var harmless = ProvisioningLogCheck.Run([worker], jobs, [Entry("a", "op-2", 0, phone), Entry("b", "op-2", 1)]);
        Assert.Empty(harmless.Findings);
        Assert.Equal((1, 1), (harmless.RepeatedOperations, harmless.RepeatsWithoutEffect));

        var changed = ProvisioningLogCheck.Run([worker], jobs,
            [Entry("a", "op-2", 0, phone), Entry("b", "op-2", 1, new LogEntry.Change("jobTitle", "Consultant", "Analyst"))]);
        Assert.Contains("applied again", Assert.Single(changed.Findings), StringComparison.Ordinal);

        var backwards = ProvisioningLogCheck.Run([worker], jobs,
            [Entry("a", "op-2", 0, phone), Entry("b", "op-1", 1, new LogEntry.Change("businessPhones", Marker.For(2), Marker.For(1)))]);
        Assert.Contains("after entry", Assert.Single(backwards.Findings), StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_accepting_a_record_twice_or_losing_one_is_found()
    {
        var worker = Worker("C2", "Contractor", (1, "Analyst"), (2, "Consultant"));
        Assert.Empty(DeliveryCheck.Run([worker]).Findings);

        worker.Records[1].Revision = 3;
        Assert.Contains("got revision 3", Assert.Single(DeliveryCheck.Run([worker]).Findings), StringComparison.Ordinal);

        worker.Records[1].Outcome = RecordOutcome.Undelivered;
        Assert.Contains("Undelivered", Assert.Single(DeliveryCheck.Run([worker]).Findings), StringComparison.Ordinal);
    }

    static HrWorker Worker(string id, string type, params (int Sequence, string Title)[] records)
    {
        var worker = new HrWorker { Id = id, Type = type, IsManager = false, Row = [] };
        foreach (var (sequence, title) in records)
        {
            worker.Records.Add(new SentRecord
            {
                Sequence = sequence,
                Attributes = new Dictionary<string, string?>
                {
                    ["WorkerID"] = id, ["UserID"] = id.ToLowerInvariant(), ["FullName"] = "Test Person", ["FirstName"] = "Test", ["LastName"] = "Person",
                    ["JobTitle"] = title, ["Department"] = "Sales", ["Location"] = "Europe", ["OfficePhone"] = Marker.For(sequence), ["WorkerStatus"] = "Active",
                },
                Intent = RecordIntent.Update,
                Channel = "webhook",
                Outcome = RecordOutcome.Accepted,
                Revision = sequence,
            });
        }

        worker.Sequence = records.Length;
        return worker;
    }

    static UserSnapshot User(HrWorker worker, SentRecord record)
    {
        var expected = ExpectedIdentity.For(worker, record);
        return new UserSnapshot(
            "u-" + worker.Id, worker.Id, expected.Properties["userPrincipalName"], expected.Properties["displayName"], true,
            expected.OnPremises ? EmulatorTenant.Domain : null, expected.Properties.GetValueOrDefault("parentDistinguishedName"), null, null,
            expected.ManagerEmployeeId, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, expected.Properties);
    }
}
