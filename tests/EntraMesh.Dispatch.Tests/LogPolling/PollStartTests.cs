using EntraMesh.Contracts;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.LogPolling;
using EntraMesh.Dispatch.Sending;
using EntraMesh.Dispatch.Storage;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.Tests.LogPolling;

/// <summary>Where a poll of the provisioning logs starts reading, from real PostgreSQL: no further back than it must.</summary>
public sealed class PollStartTests
{
    static readonly TimeSpan Precision = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Poll_reads_back_to_the_earliest_operation_not_shown_yet_then_only_from_the_previous_poll_never_past_the_watermark()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings => settings["Dispatch:LogPolling:ClockSkew"] = "00:00:01");
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        var settings = dispatch.Get<IOptions<DispatchOptions>>().Value.LogPolling;
        await using var connection = await dispatch.Get<NpgsqlDataSource>().OpenConnectionAsync();
        Task<DateTimeOffset> ReadFromAsync(DateTimeOffset polledAt) => JobWatermarks.ReadFromAsync(connection, cloud, polledAt, settings, CancellationToken.None);

        // The first poll of a job reads its look-back.
        var firstPoll = await Database.ClockAsync(connection, null, CancellationToken.None);
        Assert.Equal(firstPoll - settings.LookBack - settings.Overlap, await ReadFromAsync(firstPoll), Precision);

        var first = await CallSeeder.AcceptedAsync(dispatch, cloud, Plans.Planned("5001", 1, ChangeKind.Joiner));
        var second = await CallSeeder.AcceptedAsync(dispatch, cloud, Plans.Planned("5002", 1, ChangeKind.Joiner));
        var refused = await CallSeeder.ClaimAsync(dispatch, cloud, Plans.Planned("5003", 1, ChangeKind.Joiner));
        await dispatch.Get<CallRecorder>().RejectedAsync(refused, new BulkUploadResult(400), CancellationToken.None);
        var previousPoll = await Database.ClockAsync(connection, null, CancellationToken.None);
        await JobWatermarks.AdvanceAsync(connection, cloud, previousPoll - settings.SettleTime, previousPoll, CancellationToken.None);
        var nextPoll = previousPoll + TimeSpan.FromSeconds(2);

        // Both accepted calls wait for the logs: back to the earlier one, less the clock skew.
        Assert.Equal(first.ReservedAt - settings.ClockSkew, await ReadFromAsync(nextPoll), Precision);

        var matcher = dispatch.Get<OutcomeMatcher>();
        Assert.Equal(1, await matcher.HandleAsync(cloud, [Entry("log-1", "5001", first.ReservedAt)], CancellationToken.None));
        Assert.Equal(second.ReservedAt - settings.ClockSkew, await ReadFromAsync(nextPoll), Precision);

        // Every accepted operation shown; the refused call (a 400: nothing of it will show) holds nothing back.
        Assert.Equal(1, await matcher.HandleAsync(cloud, [Entry("log-2", "5002", second.ReservedAt)], CancellationToken.None));
        Assert.True(refused.ReservedAt < previousPoll);
        Assert.Equal(previousPoll - settings.ClockSkew, await ReadFromAsync(nextPoll), Precision);

        // An operation the logs never show is waited for only until the watermark passes it.
        var lost = await CallSeeder.AcceptedAsync(dispatch, cloud, Plans.Planned("5004", 1, ChangeKind.Joiner));
        var laterPoll = await Database.ClockAsync(connection, null, CancellationToken.None);
        await JobWatermarks.AdvanceAsync(connection, cloud, laterPoll - settings.SettleTime, laterPoll, CancellationToken.None);
        Assert.Equal(lost.ReservedAt - settings.ClockSkew, await ReadFromAsync(laterPoll + TimeSpan.FromSeconds(2)), Precision);
        var watermark = lost.ReservedAt + TimeSpan.FromMinutes(5);
        var muchLaterPoll = watermark + settings.SettleTime;
        await JobWatermarks.AdvanceAsync(connection, cloud, watermark, muchLaterPoll, CancellationToken.None);
        Assert.Equal(muchLaterPoll - settings.ClockSkew, await ReadFromAsync(muchLaterPoll + TimeSpan.FromSeconds(2)), Precision);
    }

    static ProvisioningLogEntry Entry(string id, string externalId, DateTimeOffset at) =>
        new(id, at + TimeSpan.FromMilliseconds(10), null, externalId, "create", OutcomeStatus.Success, null, null, null);
}
