using System.Net;
using EntraMesh.Testing;

namespace EntraMesh.Ingest.Tests;

/// <summary>Killing ingest between commit and publish loses nothing: the next process publishes from the outbox.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Records_committed_by_an_ingest_killed_before_publishing_are_published_by_the_next_ingest()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var events = await PublishedEvents.StartAsync(infrastructure.RabbitMqUri);
        var state = Path.Combine(Path.GetTempPath(), "entramesh-tests", Guid.NewGuid().ToString("N"));

        // The first process commits and answers 202, but its relay is off: "between commit and publish" lasts until the kill.
        await using (var first = await ChildIngest.StartAsync(infrastructure, state, new Dictionary<string, string?> { ["Outbox:RelayEnabled"] = "false" }))
        {
            var body = Signing.Records(("evt-crash-1", Signing.Worker("crash-1")), ("evt-crash-2", Signing.Worker("crash-2")));
            using var response = await first.Client.SendAsync(Signing.EntraMesh("hr-webhook", body, IngestFactory.WebhookSecret));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await first.KillAsync();
        }

        // One row: the two records, committed together, leave as one event batch.
        Assert.Equal(2, await infrastructure.ScalarAsync<long>("SELECT sum(jsonb_array_length(body::jsonb -> 'events')) FROM ingest.outbox_message"));
        Assert.Equal(1, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM ingest.outbox_message"));
        await Task.Delay(300);
        Assert.Equal(0, events.Count);

        // A new process (relay on) finds the committed rows at start-up and publishes them.
        await using var second = await ChildIngest.StartAsync(infrastructure, state);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Count), count => count >= 2, TimeSpan.FromSeconds(30));
        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>("SELECT count(*) FROM ingest.outbox_message"), rows => rows == 0);
        Assert.Single(events.For("crash-1"));
        Assert.Single(events.For("crash-2"));
    }

    [Fact]
    public async Task An_import_interrupted_by_a_kill_resumes_after_the_last_committed_chunk_without_gaps_or_repeats()
    {
        const int rows = 40_000;
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var events = await PublishedEvents.StartAsync(infrastructure.RabbitMqUri, keep: false);
        var state = Path.Combine(Path.GetTempPath(), "entramesh-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Ingest:ImportChunkSize"] = "200" };
        string location;

        await using (var first = await ChildIngest.StartAsync(infrastructure, state, settings))
        {
            using var content = new StreamContent(new GeneratedCsv(rows));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            using var response = await first.Client.PostAsync("/api/imports?source=hr-csv", content);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            location = response.Headers.Location!.ToString();
            await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>("SELECT rows_read FROM ingest.import_job"), read => read >= 2000);
            await first.KillAsync();
        }

        var readAtKill = await infrastructure.ScalarAsync<long>("SELECT rows_read FROM ingest.import_job");
        Assert.InRange(readAtKill, 2000, rows - 1);

        await using var second = await ChildIngest.StartAsync(infrastructure, state, settings);
        var job = await Eventually.WaitForAsync(
            async () => System.Text.Json.JsonDocument.Parse(await second.Client.GetStringAsync(location)).RootElement.Clone(),
            j => j.GetProperty("done").GetBoolean(), TimeSpan.FromMinutes(2), "the resumed import to finish");

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(rows, job.GetProperty("rowsRead").GetInt64());
        Assert.Equal(rows, job.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(rows, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM ingest.accepted_record"));
        Assert.Equal(rows, await infrastructure.ScalarAsync<long>("SELECT count(DISTINCT worker_id) FROM ingest.accepted_record"));
        Assert.Equal(1, await infrastructure.ScalarAsync<long>("SELECT max(revision) FROM ingest.accepted_record"));
        await Eventually.WaitForAsync(() => Task.FromResult(events.Count), count => count >= rows, TimeSpan.FromMinutes(2), "every row to be published");
    }
}
