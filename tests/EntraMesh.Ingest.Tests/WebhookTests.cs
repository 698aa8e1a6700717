using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EntraMesh.Testing;

namespace EntraMesh.Ingest.Tests;

public sealed class WebhookTests(IngestFixture ingest) : IClassFixture<IngestFixture>
{
    const string Source = "hr-webhook";

    [Fact]
    public async Task Signed_webhook_is_accepted_after_commit_and_published_with_the_source_fields()
    {
        var worker = Signing.Worker("w-accept");
        worker["TerminationDate"] = "2031-01-31";
        worker["EffectiveDate"] = "2026-03-01T00:00:00Z";
        var body = Signing.Records(("evt-accept-1", worker));

        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        // 202 means committed: the record is in the table when the answer arrives.
        Assert.Equal(1, await ingest.ScalarAsync<long>("SELECT count(*) FROM ingest.accepted_record WHERE worker_id = 'w-accept'"));

        var published = Assert.Single(await ingest.EventsForAsync("w-accept", 1));
        Assert.Equal(Source, published.SourceId);
        Assert.Equal(1, published.Revision);
        Assert.Equal("webhook", published.Channel);
        Assert.Equal("Ginnie", published.Attributes["FirstName"]);
        Assert.Equal(new DateOnly(2010, 7, 10), published.HireDate);
        Assert.Equal(new DateOnly(2031, 1, 31), published.TerminationDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), published.EffectiveAt);
        Assert.False(published.Terminated);
    }

    [Fact]
    public async Task The_same_webhook_delivered_twice_produces_one_event()
    {
        var body = Signing.Records(("evt-dup-1", Signing.Worker("w-dup")));

        using var first = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));
        using var second = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var answer = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("duplicates").GetInt32());
        await ingest.EventsForAsync("w-dup", 1);
        await ingest.QuiesceAsync();
        Assert.Single(ingest.Events.For("w-dup"));
    }

    [Fact]
    public async Task Concurrent_redeliveries_of_one_event_produce_one_event()
    {
        var body = Signing.Records(("evt-race-1", Signing.Worker("w-race")));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await ingest.EventsForAsync("w-race", 1);
        await ingest.QuiesceAsync();
        Assert.Single(ingest.Events.For("w-race"));
    }

    [Fact]
    public async Task A_record_without_a_worker_id_is_rejected_with_a_reason_and_the_rest_is_accepted()
    {
        var missing = Signing.Worker("");
        var body = Signing.Records(("evt-mix-1", Signing.Worker("w-mix-1")), ("evt-mix-2", missing), ("evt-mix-3", Signing.Worker("w-mix-3")));

        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var rejected = answer.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("outcome").GetString() == "rejected");
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Contains("WorkerID", rejected.GetProperty("reason").GetString());
        Assert.Equal(1, await ingest.ScalarAsync<long>("SELECT count(*) FROM ingest.rejected_record WHERE source_event_id = 'evt-mix-2'"));
        await ingest.EventsForAsync("w-mix-1", 1);
        await ingest.EventsForAsync("w-mix-3", 1);
    }

    [Fact]
    public async Task Either_of_two_rotation_secrets_is_accepted()
    {
        using var current = await ingest.Client.SendAsync(Signing.EntraMesh(Source, Signing.Records(("evt-rot-1", Signing.Worker("w-rot"))), IngestFactory.WebhookSecret));
        using var previous = await ingest.Client.SendAsync(Signing.EntraMesh(Source, Signing.Records(("evt-rot-2", Signing.Worker("w-rot"))), IngestFactory.PreviousWebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, current.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, previous.StatusCode);
    }

    public static TheoryData<string, string> BadSignatures => new()
    {
        { "missing", "header is missing" },
        { "malformed", "malformed" },
        { "wrong-secret", "does not match" },
        { "expired", "outside the accepted window" },
        { "future", "outside the accepted window" },
        { "tampered", "does not match" },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Missing_invalid_or_expired_signature_is_401_naming_the_problem_and_stores_nothing(string kind, string named)
    {
        var worker = "w-401-" + kind;
        var body = Signing.Records(("evt-401-" + kind, Signing.Worker(worker)));
        var request = kind switch
        {
            "missing" => Signing.Json(Source, body),
            "wrong-secret" => Signing.EntraMesh(Source, body, "not-the-secret"),
            "expired" => Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-6)),
            "future" => Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(6)),
            _ => Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret),
        };
        if (kind == "malformed")
        {
            request.Headers.Remove("X-EntraMesh-Signature");
            request.Headers.Add("X-EntraMesh-Signature", "sha256=abc");
        }

        if (kind == "tampered") request.Content = new StringContent(body.Replace("Ginnie", "Mallory"), Encoding.UTF8, "application/json");

        using var response = await ingest.Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, named);
        Assert.Equal(0, await ingest.ScalarAsync<long>($"SELECT count(*) FROM ingest.accepted_record WHERE worker_id = '{worker}'"));
    }

    [Fact]
    public async Task Unknown_source_is_404_and_a_source_without_webhooks_is_404()
    {
        var body = Signing.Records(("evt-404", Signing.Worker("w-404")));
        using var unknown = await ingest.Client.SendAsync(Signing.EntraMesh("no-such-source", body, IngestFactory.WebhookSecret));
        using var csvOnly = await ingest.Client.SendAsync(Signing.EntraMesh("hr-csv", body, IngestFactory.WebhookSecret));

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "no-such-source");
        await AssertProblemAsync(csvOnly, HttpStatusCode.NotFound, "does not take webhooks");
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var request = Signing.EntraMesh(Source, Signing.Records(("evt-415", Signing.Worker("w-415"))), IngestFactory.WebhookSecret);
        request.Content!.Headers.ContentType = new("text/plain");

        using var response = await ingest.Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Fact]
    public async Task Body_over_the_limit_is_413()
    {
        var padding = new string('x', 1024 * 1024);
        var worker = Signing.Worker("w-413");
        worker["Padding"] = padding;

        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, Signing.Records(("evt-413", worker)), IngestFactory.WebhookSecret));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "1048576 bytes");
    }

    [Theory]
    [InlineData("{\"records\": [", "not valid JSON")]
    [InlineData("[]", "'records' array")]
    [InlineData("{\"records\": [{\"attributes\": {}}]}", "records[0].eventId")]
    [InlineData("{\"records\": [{\"eventId\": \"e\", \"attributes\": {\"a\": {\"nested\": 1}}}]}", "records[0].attributes.a")]
    public async Task Malformed_json_is_400_naming_the_problem_and_nothing_is_committed(string body, string named)
    {
        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, named);
    }

    [Fact]
    public async Task A_record_with_a_NUL_character_is_rejected_with_a_reason_not_a_server_error()
    {
        const string body = "{\"records\":[{\"eventId\":\"evt-nul\",\"attributes\":{\"WorkerID\":\"w-nul\",\"FirstName\":\"a\\u0000b\"}}," +
                            "{\"eventId\":\"evt-ok\",\"attributes\":{\"WorkerID\":\"w-ok\"}}]}";

        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Contains("NUL", answer.GetProperty("records")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_unpaired_surrogate_escape_is_400_naming_the_field()
    {
        const string body = "{\"records\":[{\"eventId\":\"evt-sur\",\"attributes\":{\"WorkerID\":\"w-sur\",\"FirstName\":\"\\ud800\"}}]}";

        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "records[0].attributes.FirstName");
    }

    [Theory]
    [InlineData("{\"records\":[{\"eventId\":\"evt-sur-name\",\"attributes\":{\"WorkerID\":\"w-sur\",\"\\udc00\":\"x\"}}]}", "records[0].attributes")]
    [InlineData("{\"records\":[{\"eventId\":\"\\ud83d\",\"attributes\":{\"WorkerID\":\"w-sur\"}}]}", "records[0].eventId")]
    public async Task An_unpaired_surrogate_escape_in_an_attribute_name_or_event_id_is_400_naming_it(string body, string named)
    {
        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, named);
    }

    [Fact]
    public async Task A_body_that_is_not_UTF_8_is_400_naming_the_offset_of_the_first_invalid_byte()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"records\":[{\"eventId\":\""), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes("\",\"attributes\":{}}]}")];
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(IngestFactory.WebhookSecret), Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{Source}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-EntraMesh-Signature", $"t={timestamp},v1={Convert.ToHexStringLower(mac)}");

        using var response = await ingest.Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "not valid UTF-8 (first invalid byte at offset 24)");
    }

    [Theory]
    [InlineData("evt-nul-\\u0000-1", "w-nul-event", "NUL character")]
    [InlineData("evt-long-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789", "w-long-event", "longer than 256")]
    public async Task An_event_id_that_cannot_be_a_key_is_rejected_with_its_record_and_the_rejection_is_kept(string eventId, string worker, string reason)
    {
        var body = $"{{\"records\":[{{\"eventId\":\"{eventId}\",\"attributes\":{{\"WorkerID\":\"{worker}\"}}}},{{\"eventId\":\"{worker}-ok\",\"attributes\":{{\"WorkerID\":\"{worker}-ok\"}}}}]}}";

        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Contains(reason, answer.GetProperty("records")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await ingest.ScalarAsync<long>($"SELECT count(*) FROM ingest.rejected_record WHERE reason LIKE '%{reason}%' AND source_event_id LIKE '{eventId[..8]}%' AND length(source_event_id) <= 257"));
    }

    [Fact]
    public async Task A_date_rejection_whose_echoed_value_would_cut_an_emoji_in_half_is_still_kept()
    {
        var worker = Signing.Worker("w-emoji-date");
        worker["HireDate"] = "x" + string.Concat(Enumerable.Repeat("\U0001F600", 30));

        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, Signing.Records(("evt-emoji-date", worker)), IngestFactory.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await ingest.ScalarAsync<long>("SELECT count(*) FROM ingest.rejected_record WHERE source_event_id = 'evt-emoji-date'"));
    }

    [Fact]
    public async Task A_status_the_source_names_as_terminated_marks_the_record_terminated()
    {
        var body = Signing.Records(("evt-leaver", Signing.Worker("w-leaver", status: "Terminated")));

        using var response = await ingest.Client.SendAsync(Signing.EntraMesh(Source, body, IngestFactory.WebhookSecret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(Assert.Single(await ingest.EventsForAsync("w-leaver", 1)).Terminated);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
