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

        Assert.Equal(2, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM ingest.outbox_message"));
        await Task.Delay(300);
        Assert.Equal(0, events.Count);

        // A new process (relay on) finds the committed rows at start-up and publishes them.
        await using var second = await ChildIngest.StartAsync(infrastructure, state);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Count), count => count >= 2, TimeSpan.FromSeconds(30));
        await Eventually.WaitForAsync(() => infrastructure.ScalarAsync<long>("SELECT count(*) FROM ingest.outbox_message"), rows => rows == 0);
        Assert.Single(events.For("crash-1"));
        Assert.Single(events.For("crash-2"));
    }
}
