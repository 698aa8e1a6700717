using EntraMesh.Contracts;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.LogPolling;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.LogPolling;

/// <summary>Matching provisioning-log entries to sent operations, in real PostgreSQL, publishing through real RabbitMQ.</summary>
public sealed class OutcomeMatcherTests
{
    [Fact]
    public async Task Entry_belongs_to_the_latest_call_that_carried_the_worker_before_the_entry_and_is_published_once()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings => settings["Dispatch:LogPolling:ClockSkew"] = "00:00:00");
        await using var events = await EventRecorder.StartAsync(infrastructure);
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        var first = await CallSeeder.AcceptedAsync(dispatch, cloud, Plans.Planned("4001", 1, ChangeKind.Joiner));
        await Task.Delay(50);
        var second = await CallSeeder.AcceptedAsync(dispatch, cloud, Plans.Planned("4001", 2, ChangeKind.Update));

        var page = new[]
        {
            Entry("log-1", "4001", first.ReservedAt + TimeSpan.FromMilliseconds(10), OutcomeStatus.Success),
            Entry("log-2", "4001", second.ReservedAt + TimeSpan.FromMilliseconds(10), OutcomeStatus.Failure, "DuplicateTargetEntries"),
            Entry("log-3", "someone-else", second.ReservedAt, OutcomeStatus.Success),
            Entry("log-4", "4001", first.ReservedAt - TimeSpan.FromSeconds(1), OutcomeStatus.Success),
        };
        var matcher = dispatch.Get<OutcomeMatcher>();
        Assert.Equal(2, await matcher.HandleAsync(cloud, page, CancellationToken.None));
        Assert.Equal(0, await matcher.HandleAsync(cloud, page, CancellationToken.None));

        var outcomes = await Eventually.WaitForAsync(() => Task.FromResult(events.Outcomes.OrderBy(o => o.LogId).ToList()), o => o.Count == 2);
        Assert.Equal(("log-1", 1L, first.Operations[0].ChangeId, first.CallId, OutcomeStatus.Success),
            (outcomes[0].LogId, outcomes[0].Revision, outcomes[0].ChangeId, outcomes[0].SubmissionId, outcomes[0].Status));
        Assert.Equal(("log-2", 2L, second.Operations[0].ChangeId, second.CallId, OutcomeStatus.Failure, "DuplicateTargetEntries"),
            (outcomes[1].LogId, outcomes[1].Revision, outcomes[1].ChangeId, outcomes[1].SubmissionId, outcomes[1].Status, outcomes[1].ErrorCode));
        Assert.All(outcomes, o => Assert.Equal(("4001", Plans.Source, "cloud", cloud.JobId), (o.WorkerId, o.SourceId, o.Target, o.JobId)));
        Assert.Equal(4, await infrastructure.CountAsync("observed_log_entry"));
        Assert.Equal(2, await infrastructure.CountAsync("observed_log_entry WHERE NOT matched"));
    }

    static ProvisioningLogEntry Entry(string id, string externalId, DateTimeOffset at, OutcomeStatus status, string? error = null) =>
        new(id, at, null, externalId, "create", status, error, error is null ? null : "reason", null);
}
