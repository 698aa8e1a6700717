using System.Net;

namespace EntraMesh.Ingest.Tests;

public sealed class AllChannelsFixture : IngestFixture
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Sources:3:Id"] = "hr-all",
        ["Sources:3:WebhookFormat"] = "EntraMesh",
        ["Sources:3:Secrets:0"] = IngestFactory.WebhookSecret,
        ["Sources:3:WorkerIdField"] = "WorkerID",
        ["Sources:3:Sql:ConnectionStringKey"] = "ConnectionStrings:hr-database",
        ["Sources:3:Sql:Table"] = "hr.all_workers",
        ["Sources:3:Sql:WatermarkColumn"] = "updated_at",
        ["Sources:3:Sql:PollInterval"] = "00:00:00.100",
        ["Sources:3:Sql:SettleTime"] = "00:00:00",
        ["ConnectionStrings:hr-database"] = PostgresConnectionString,
    };

    protected override Task PrepareAsync() => ExecuteAsync(
        "CREATE SCHEMA hr; CREATE TABLE hr.all_workers (\"WorkerID\" text PRIMARY KEY, \"FirstName\" text, updated_at timestamptz NOT NULL)");
}

/// <summary>Revisions of one worker strictly increase whatever channel the record came through, and under concurrency.</summary>
public sealed class RevisionTests(AllChannelsFixture ingest) : IClassFixture<AllChannelsFixture>
{
    [Fact]
    public async Task Revisions_of_one_worker_strictly_increase_across_webhooks_csv_rows_and_sql_rows()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await Webhook("rv-1", "evt-rv-1", "FromWebhook")).StatusCode);
        await ingest.EventsForAsync("rv-1", 1);
        await Imports.UploadAndWaitAsync(ingest.Client, Imports.Csv("WorkerID,FirstName", "rv-1,FromCsv"), "?source=hr-all");
        await ingest.EventsForAsync("rv-1", 2);
        await ingest.ExecuteAsync("INSERT INTO hr.all_workers VALUES ('rv-1', 'FromSql', now())");
        await ingest.EventsForAsync("rv-1", 3);
        Assert.Equal(HttpStatusCode.Accepted, (await Webhook("rv-1", "evt-rv-2", "FromWebhookAgain")).StatusCode);

        var events = await ingest.EventsForAsync("rv-1", 4);

        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.Revision));
        Assert.Equal(["webhook", "csv", "sql", "webhook"], events.Select(e => e.Channel));
        Assert.Equal(["FromWebhook", "FromCsv", "FromSql", "FromWebhookAgain"], events.Select(e => e.Attributes["FirstName"]));
    }

    [Fact]
    public async Task Concurrent_webhooks_for_one_worker_get_distinct_increasing_revisions_in_commit_order()
    {
        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Webhook("rv-2", $"evt-rv2-{i}", $"Name{i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var events = await ingest.EventsForAsync("rv-2", 12);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), events.Select(e => e.Revision));
        // The stored order of commits agrees with the revisions: the newest revision is the one worker_state points at.
        var latest = await ingest.ScalarAsync<long>(
            "SELECT r.revision FROM ingest.worker_state s JOIN ingest.accepted_record r ON r.record_id = s.last_record_id WHERE s.worker_id = 'rv-2'");
        Assert.Equal(12, latest);
    }

    Task<HttpResponseMessage> Webhook(string worker, string eventId, string firstName) =>
        ingest.Client.SendAsync(Signing.EntraMesh("hr-all", Signing.Records((eventId, new Dictionary<string, string?> { ["WorkerID"] = worker, ["FirstName"] = firstName })), IngestFactory.WebhookSecret));
}
