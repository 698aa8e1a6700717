using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EntraMesh.Ingest.Tests;

public sealed class SnapshotFixture : IngestFixture
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Sources:3:Id"] = "snap-held",
        ["Sources:3:WorkerIdField"] = "WorkerID",
        ["Sources:4:Id"] = "snap-auto",
        ["Sources:4:WorkerIdField"] = "WorkerID",
    };
}

/// <summary>Full snapshots: absent workers become leavers, unless too many are absent; then an operator decides.</summary>
public sealed class SnapshotTests(SnapshotFixture ingest) : IClassFixture<SnapshotFixture>
{
    static string Population(string prefix, int from, int to) =>
        Imports.Csv(["WorkerID,FirstName", .. Enumerable.Range(from, to - from + 1).Select(i => $"{prefix}-{i:00},Name{i}")]);

    [Fact]
    public async Task A_snapshot_that_would_terminate_20_percent_is_held_and_cancel_announces_nothing_and_confirm_announces_everything()
    {
        var seeded = await Imports.UploadAndWaitAsync(ingest.Client, Population("h", 1, 10), "?source=snap-held");
        Assert.Equal(10, seeded.GetProperty("rowsAccepted").GetInt64());
        await ingest.EventsForAsync("h-10", 1);

        // Workers h-09 and h-10 are missing: 2 of 10 active workers = 20% > 5%.
        var held = await Imports.UploadAndWaitAsync(ingest.Client, Population("h", 1, 8), "?source=snap-held&mode=full",
            until: job => job.GetProperty("status").GetString() is "AwaitingConfirmation" or "Completed" or "Failed");
        Assert.Equal("AwaitingConfirmation", held.GetProperty("status").GetString());
        Assert.Equal(10, held.GetProperty("population").GetInt64());
        Assert.Equal(2, held.GetProperty("absent").GetInt64());
        Assert.Equal(0.2, held.GetProperty("absentShare").GetDouble(), 3);
        Assert.False(held.GetProperty("done").GetBoolean());

        var cancelled = await ingest.Client.PostAsync($"/api/imports/{held.GetProperty("id").GetGuid()}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await ingest.QuiesceAsync();
        Assert.Single(ingest.Events.For("h-01"));
        Assert.Single(ingest.Events.For("h-10"));
        Assert.Equal(0, await ingest.ScalarAsync<long>("SELECT count(*) FROM ingest.import_row"));

        // The same snapshot again, this time confirmed by an operator.
        var again = await Imports.UploadAndWaitAsync(ingest.Client, Population("h", 1, 8), "?source=snap-held&mode=full",
            until: job => job.GetProperty("status").GetString() is "AwaitingConfirmation" or "Completed" or "Failed");
        var id = again.GetProperty("id").GetGuid();
        var confirm = new HttpRequestMessage(HttpMethod.Post, $"/api/imports/{id}/confirm");
        confirm.Headers.Add("X-EntraMesh-Principal", "apikey:ops");
        using var confirmed = await ingest.Client.SendAsync(confirm);
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);

        var done = await Imports.WaitAsync(ingest.Client, $"/api/imports/{id}");
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("terminated").GetInt64());
        Assert.Equal(8, done.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal("apikey:ops", done.GetProperty("decidedBy").GetString());
        var leaver = (await ingest.EventsForAsync("h-09", 2))[^1];
        Assert.True(leaver.Terminated);
        Assert.Equal("snapshot", leaver.Channel);
        Assert.Equal(2, leaver.Revision);
        Assert.Equal("Name9", leaver.Attributes["FirstName"]);
        Assert.True((await ingest.EventsForAsync("h-10", 2))[^1].Terminated);
        var stayer = (await ingest.EventsForAsync("h-01", 2))[^1];
        Assert.False(stayer.Terminated);
        Assert.Equal("csv", stayer.Channel);

        using var twice = await ingest.Client.PostAsync($"/api/imports/{id}/confirm", null);
        await WebhookTests.AssertProblemAsync(twice, HttpStatusCode.Conflict, "Completed");
    }

    [Fact]
    public async Task A_snapshot_within_the_threshold_is_applied_without_an_operator()
    {
        await Imports.UploadAndWaitAsync(ingest.Client, Population("a", 1, 40), "?source=snap-auto");
        await ingest.EventsForAsync("a-40", 1);

        // 1 of 40 absent = 2.5% <= 5%.
        var job = await Imports.UploadAndWaitAsync(ingest.Client, Population("a", 1, 39), "?source=snap-auto&mode=full");

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("terminated").GetInt64());
        var leaver = (await ingest.EventsForAsync("a-40", 2))[^1];
        Assert.True(leaver.Terminated);
        Assert.Equal("snapshot", leaver.Channel);
    }
}
