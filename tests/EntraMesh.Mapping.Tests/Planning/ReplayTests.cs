using EntraMesh.Contracts;
using EntraMesh.Mapping.Tests.Support;

namespace EntraMesh.Mapping.Tests.Planning;

/// <summary>ReplayWorkerRequested (from reconciliation) re-plans a worker from its last accepted record, even when nothing changed.</summary>
public sealed class ReplayTests(PlanningFixture mapping) : IClassFixture<PlanningFixture>
{
    DateTimeOffset Now => mapping.Clock.GetUtcNow();

    [Fact]
    public async Task Replay_sends_the_identity_again_even_when_nothing_changed()
    {
        var worker = Workers.NewId("replay");
        var employee = Workers.Employee(worker);
        var record = Workers.Record(worker, 1, employee, Now);
        await mapping.Bus.PublishAsync(record);
        await mapping.Bus.WaitForAsync(worker, 1);

        await mapping.Bus.PublishAsync(Replay(worker));
        await mapping.Bus.WaitForAsync(worker, 2);
        var (joiner, replayed) = (mapping.Bus.PlannedFor(worker)[0], mapping.Bus.PlannedFor(worker)[1]);
        Assert.Equal((ChangeKind.Joiner, record.RecordId, 1L, "woodgrove-ad"), (replayed.ChangeKind, replayed.RecordId, replayed.Revision, replayed.Target));
        Assert.NotEqual(joiner.ChangeId, replayed.ChangeId);
        Assert.Equal(joiner.Data.ToJsonString(), replayed.Data.ToJsonString());
        Assert.Equal(joiner.ChangedAttributes, replayed.ChangedAttributes);

        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, employee.With("OfficePhone", "555-0199"), Now));
        await mapping.Bus.WaitForAsync(worker, 3);
        await mapping.Bus.PublishAsync(Replay(worker));
        await mapping.Bus.WaitForAsync(worker, 4);
        var again = mapping.Bus.PlannedFor(worker)[3];
        Assert.Equal((ChangeKind.Update, 2L), (again.ChangeKind, again.Revision));
        Assert.Empty(again.ChangedAttributes);
        Assert.Equal("555-0199", again.Data["phoneNumbers"]![0]!["value"]!.GetValue<string>());
        Assert.Empty(mapping.Bus.SkippedFor(worker));
    }

    [Fact]
    public async Task Redelivered_replay_request_replays_once()
    {
        var worker = Workers.NewId("replay-once");
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, Workers.Employee(worker), Now));
        await mapping.Bus.WaitForAsync(worker, 1);

        var request = Replay(worker);
        var id = await mapping.Bus.PublishAsync(request);
        await mapping.Bus.PublishAsync(request, id);
        await mapping.Bus.WaitForAsync(worker, 2);
        await mapping.QuiesceAsync();

        Assert.Equal(2, mapping.Bus.PlannedFor(worker).Count);
        Assert.Equal(1, await mapping.CountAsync($"SELECT count(*) FROM mapping.inbox_message WHERE message_id = '{id}'"));
    }

    [Fact]
    public async Task Replay_of_a_worker_mapping_never_saw_sends_nothing()
    {
        var worker = Workers.NewId("replay-unknown");
        await mapping.Bus.PublishAsync(Replay(worker));
        await mapping.QuiesceAsync();

        Assert.Equal(0, mapping.Bus.CountFor(worker));
        Assert.Equal(0, await mapping.CountAsync($"SELECT count(*) FROM mapping.worker_record WHERE worker_id = '{worker}' AND revision > 0"));
    }

    [Fact]
    public async Task Replay_of_an_inactive_worker_who_was_never_provisioned_still_creates_no_account()
    {
        var worker = Workers.NewId("replay-inactive");
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, Workers.Employee(worker).With("WorkerStatus", "Inactive"), Now));
        await mapping.Bus.WaitForAsync(worker, 1);
        await mapping.Bus.PublishAsync(Replay(worker));
        await mapping.Bus.WaitForAsync(worker, 2);

        Assert.Empty(mapping.Bus.PlannedFor(worker));
        Assert.All(mapping.Bus.SkippedFor(worker), skipped => Assert.Equal(SkipReason.NoChange, skipped.Reason));
    }

    static ReplayWorkerRequested Replay(string worker) => new()
    {
        RequestId = Guid.NewGuid(),
        SourceId = "hr",
        WorkerId = worker,
        RequestedBy = "operator@contoso.com",
        Reason = "the last change was rejected",
        RequestedAt = DateTimeOffset.UtcNow,
    };
}
