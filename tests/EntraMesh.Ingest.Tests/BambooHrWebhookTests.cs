using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EntraMesh.Ingest.Tests;

/// <summary>BambooHR's field-based webhook, signed as BambooHR documents it, pointed at EntraMesh unchanged.</summary>
public sealed class BambooHrWebhookTests(IngestFixture ingest) : IClassFixture<IngestFixture>
{
    const string Source = "bamboohr";

    static string Payload(string id, string action, string firstName = "Ashley", string status = "Active") =>
        JsonSerializer.Serialize(new
        {
            employees = new[]
            {
                new
                {
                    id,
                    action,
                    timestamp = "2026-05-21T14:00:00+00:00",
                    changedFields = new[] { "First Name" },
                    fields = new Dictionary<string, string>
                    {
                        ["First Name"] = firstName, ["Last Name"] = "Adams", ["Job Title"] = "HR Administrator",
                        ["Status"] = status, ["Hire Date"] = "2019-04-01",
                    },
                },
            },
        });

    [Fact]
    public async Task Documented_signature_over_body_and_timestamp_is_accepted_and_fields_are_aliased()
    {
        using var response = await ingest.Client.SendAsync(Signing.BambooHr(Source, Payload("4011", "Updated"), IngestFactory.BambooHrKey));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = Assert.Single(await ingest.EventsForAsync("4011", 1));
        Assert.Equal("Ashley", published.Attributes["FirstName"]);
        Assert.Equal("HR Administrator", published.Attributes["JobTitle"]);
        Assert.Equal(new DateOnly(2019, 4, 1), published.HireDate);
        Assert.False(published.Terminated);
    }

    [Fact]
    public async Task Deleted_action_and_inactive_status_mark_the_worker_terminated()
    {
        using var deleted = await ingest.Client.SendAsync(Signing.BambooHr(Source, Payload("4012", "Deleted"), IngestFactory.BambooHrKey));
        using var inactive = await ingest.Client.SendAsync(Signing.BambooHr(Source, Payload("4013", "Updated", status: "Inactive"), IngestFactory.BambooHrKey));

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, inactive.StatusCode);
        Assert.True(Assert.Single(await ingest.EventsForAsync("4012", 1)).Terminated);
        Assert.True(Assert.Single(await ingest.EventsForAsync("4013", 1)).Terminated);
    }

    [Fact]
    public async Task A_redelivered_BambooHR_change_is_acknowledged_once()
    {
        var body = Payload("4014", "Updated");
        using var first = await ingest.Client.SendAsync(Signing.BambooHr(Source, body, IngestFactory.BambooHrKey));
        using var again = await ingest.Client.SendAsync(Signing.BambooHr(Source, body, IngestFactory.BambooHrKey, DateTimeOffset.UtcNow.AddSeconds(30)));

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32());
        await ingest.EventsForAsync("4014", 1);
        await ingest.QuiesceAsync();
        Assert.Single(ingest.Events.For("4014"));
    }

    [Fact]
    public async Task Wrong_key_missing_timestamp_or_old_timestamp_is_401()
    {
        var body = Payload("4015", "Updated");
        using var wrongKey = await ingest.Client.SendAsync(Signing.BambooHr(Source, body, "another-key"));
        var noTimestamp = Signing.BambooHr(Source, body, IngestFactory.BambooHrKey);
        noTimestamp.Headers.Remove("X-BambooHR-Timestamp");
        using var missing = await ingest.Client.SendAsync(noTimestamp);
        using var old = await ingest.Client.SendAsync(Signing.BambooHr(Source, body, IngestFactory.BambooHrKey, DateTimeOffset.UtcNow.AddMinutes(-10)));

        await WebhookTests.AssertProblemAsync(wrongKey, HttpStatusCode.Unauthorized, "does not match");
        await WebhookTests.AssertProblemAsync(missing, HttpStatusCode.Unauthorized, "X-BambooHR-Timestamp");
        await WebhookTests.AssertProblemAsync(old, HttpStatusCode.Unauthorized, "window");
    }

    [Fact]
    public async Task A_body_without_an_employees_array_is_400()
    {
        using var response = await ingest.Client.SendAsync(Signing.BambooHr(Source, "{\"type\":\"employee.updated\"}", IngestFactory.BambooHrKey));

        await WebhookTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "employees");
    }
}
