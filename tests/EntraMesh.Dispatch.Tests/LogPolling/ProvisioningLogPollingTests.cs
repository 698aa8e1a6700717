using EntraMesh.Contracts;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.LogPolling;

/// <summary>Outcomes read back from the emulator's provisioning logs over HTTPS and published through real RabbitMQ.</summary>
public sealed class ProvisioningLogPollingTests
{
    static void FastPolling(Dictionary<string, string?> settings)
    {
        settings["Dispatch:LogPolling:Enabled"] = "true";
        settings["Dispatch:LogPolling:PollInterval"] = "00:00:00.200";
        settings["Dispatch:LogPolling:SettleTime"] = "00:00:00";
        settings["Dispatch:LogPolling:Overlap"] = "00:00:05";
        settings["Dispatch:LogPolling:PageSize"] = "2";
    }

    [Fact]
    public async Task Success_and_failure_entries_come_back_as_outcomes_for_the_right_worker_and_revision()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            entra.Configure(settings);
            FastPolling(settings);
        });
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var alice = Plans.Planned("11001", 1, ChangeKind.Joiner, userName: "shared.name@contoso.test");
        var duplicate = Plans.Planned("11002", 4, ChangeKind.Joiner, userName: "shared.name@contoso.test");
        var orphan = Plans.Planned("11003", 2, ChangeKind.Joiner, managerId: "no-such-manager");

        await events.PublishAsync(alice);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Outcomes.Count), count => count == 1, TimeSpan.FromSeconds(30));
        await events.PublishAsync([duplicate, orphan]);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Outcomes.Count), count => count == 3, TimeSpan.FromSeconds(30));
        var aliceMoves = Plans.Planned("11001", 2, ChangeKind.Mover, userName: "shared.name@contoso.test");
        await events.PublishAsync(aliceMoves);
        var outcomes = await Eventually.WaitForAsync(() => Task.FromResult(events.Outcomes.ToList()), o => o.Count == 4, TimeSpan.FromSeconds(30));

        var byChange = outcomes.ToDictionary(o => o.ChangeId);
        Assert.Equal(("11001", 1L, OutcomeStatus.Success, "create"), Summary(byChange[alice.ChangeId]));
        Assert.Equal(("11002", 4L, OutcomeStatus.Failure, "create"), Summary(byChange[duplicate.ChangeId]));
        Assert.Equal("AzureActiveDirectoryDuplicateUserPrincipalName", byChange[duplicate.ChangeId].ErrorCode);
        Assert.Equal(("11003", 2L, OutcomeStatus.Failure), (byChange[orphan.ChangeId].WorkerId, byChange[orphan.ChangeId].Revision, byChange[orphan.ChangeId].Status));
        Assert.Equal("UnableToResolveReferenceAttributeValue", byChange[orphan.ChangeId].ErrorCode);
        Assert.Equal(("11001", 2L, OutcomeStatus.Success, "update"), Summary(byChange[aliceMoves.ChangeId]));
        Assert.All(outcomes, o => Assert.Equal((entra.Server.CloudJobId, "cloud", Plans.Source), (o.JobId, o.Target, o.SourceId)));
        Assert.Equal(alice.RecordId, byChange[alice.ChangeId].RecordId);
        Assert.Equal(events.Submitted.Single(s => s.Operations.Any(o => o.ChangeId == alice.ChangeId)).SubmissionId, byChange[alice.ChangeId].SubmissionId);

        // Every poll reads back at least to the clock skew before the previous one; nothing is published twice.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(4, events.Outcomes.Count);
    }

    [Fact]
    public async Task Only_one_of_two_instances_polls_a_job_at_a_time_and_no_outcome_is_published_twice()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        void Configure(Dictionary<string, string?> settings)
        {
            entra.Configure(settings);
            FastPolling(settings);
        }

        await using var first = DispatchHost.Start(infrastructure, Configure);
        await using var second = DispatchHost.Start(infrastructure, Configure);
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var plans = Enumerable.Range(0, 120).Select(i => Plans.Planned($"12{i:000}", 1, ChangeKind.Joiner)).ToList();

        await events.PublishAsync(plans);

        await Eventually.WaitForAsync(() => Task.FromResult(events.Outcomes.Count), count => count >= 120, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(plans.Select(p => p.ChangeId).Order(), events.Outcomes.Select(o => o.ChangeId).Order());
        Assert.Equal(120, events.Outcomes.Select(o => o.LogId).Distinct().Count());

        // The job's log reads never overlap in time: whichever instance holds the job's lock reads alone. The emulator ends a
        // read's duration after its response went out, so the next page of the same poll may arrive a few ms before that end
        // on a loaded machine (seen: 3 ms); a second poller would overlap by a whole read.
        var reads = await entra.Inspection.GetCallsAsync(endpoint: EntraMesh.EntraEmulator.Faults.EmulatorEndpoint.ProvisioningLogs);
        Assert.True(reads.Count > 4, "the logs were read repeatedly");
        Assert.All(reads.Zip(reads.Skip(1)), pair => Assert.True(pair.Second.At >= pair.First.At + TimeSpan.FromMilliseconds(pair.First.DurationMilliseconds) - TimeSpan.FromMilliseconds(10),
            $"read at {pair.Second.At:O} overlaps the one at {pair.First.At:O}"));
    }

    static (string, long, OutcomeStatus, string) Summary(ProvisioningOutcomeObserved outcome) =>
        (outcome.WorkerId, outcome.Revision, outcome.Status, outcome.Action);
}
