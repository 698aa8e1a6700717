using System.Globalization;
using EntraMesh.Launcher.Client;
using static EntraMesh.HostileInput.Tests.Corpus.Records;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>EntraMesh JSON webhooks (<c>POST /webhooks/hr-webhook</c>): signatures, replays, encodings, malformed and oversized bodies.</summary>
public static class EntraMeshWebhookCases
{
    const string Source = "hr-webhook";

    public static IEnumerable<HostileCase> All(CorpusContext context) =>
        Unsigned(context).Concat(Replayed(context)).Concat(Malformed(context)).Concat(Oversized(context)).Concat(EntraMeshEncodingCases.All(context));

    static HostileCase Case(HostileCategory category, string name, Func<HttpRequestMessage> request, Expectation expect) =>
        new() { Category = category, Surface = Surface.EntraMeshWebhook, Name = name, Request = request, Expect = expect };

    static byte[] OneRecord(CorpusContext context) => Webhook("hostile-" + Guid.NewGuid(), Contractor(context.NewWorkerId()));

    static string Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    static string Mac(string secret, string timestamp, byte[] body) =>
        WebhookSigner.Sign(secret, body, DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, CultureInfo.InvariantCulture))).Split(",v1=")[1];

    static IEnumerable<HostileCase> Unsigned(CorpusContext context)
    {
        var body = OneRecord(context);
        var refused = Expectation.Refused(401);
        (string Name, Func<string?> Header)[] headers =
        [
            ("no signature header", () => null),
            ("empty signature header", () => ""),
            ("signature header of spaces", () => "   "),
            ("only a timestamp", () => $"t={Now}"),
            ("only a v1", () => $"v1={Mac(context.WebhookSecret, Now, body)}"),
            ("empty t and v1", () => "t=,v1="),
            ("no equals signs", () => "garbage"),
            ("timestamp not a number", () => $"t=yesterday,v1={Mac(context.WebhookSecret, Now, body)}"),
            ("negative timestamp", () => $"t=-1,v1={Mac(context.WebhookSecret, "0", body)}"),
            ("timestamp with a plus sign", () => $"t=+{Now},v1={Mac(context.WebhookSecret, Now, body)}"),
            ("timestamp beyond long", () => "t=99999999999999999999999999,v1=00"),
            ("v1 not hex", () => $"t={Now},v1=zzzz"),
            ("v1 of the wrong length", () => $"t={Now},v1=abcdef"),
            ("v1 base64 instead of hex", () => $"t={Now},v1={Convert.ToBase64String(Convert.FromHexString(Mac(context.WebhookSecret, Now, body)))}"),
            ("wrong secret", () => WebhookSigner.Sign("not-the-secret", body, DateTimeOffset.UtcNow)),
            ("empty secret", () => WebhookSigner.Sign("", body, DateTimeOffset.UtcNow)),
            ("signature of another body", () => WebhookSigner.Sign(context.WebhookSecret, Utf8("{\"records\":[]}"), DateTimeOffset.UtcNow)),
            ("signature without the timestamp prefix", () => $"t={Now},v1={Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Utf8(context.WebhookSecret), body))}"),
            ("v0 scheme", () => context.SignNow(body).Replace("v1=", "v0=", StringComparison.Ordinal)),
            ("upper-case keys", () => context.SignNow(body).Replace("t=", "T=", StringComparison.Ordinal).Replace("v1=", "V1=", StringComparison.Ordinal)),
            ("hundred bad v1 values", () => $"t={Now}," + string.Join(",", Enumerable.Range(0, 100).Select(i => $"v1={i:x64}"))),
            ("SQL in the signature", () => $"t={Now},v1=' OR '1'='1"),
            ("escaped text as v1", () => $"t={Now},v1=\\u0041\\u0042"),
            ("8 KB of commas", () => new string(',', 8192)),
        ];
        foreach (var (name, header) in headers)
        {
            yield return Case(HostileCategory.Unsigned, name, () => CorpusContext.Webhook(Source, body, header()), refused);
        }

        yield return Case(HostileCategory.Unsigned, "signature in another header", () =>
            CorpusContext.Webhook(Source, body, context.SignNow(body), signatureHeader: "X-Signature"), refused);
        yield return Case(HostileCategory.Unsigned, "BambooHR signature on an EntraMesh source", () =>
        {
            var request = CorpusContext.Webhook(Source, body, null);
            request.Headers.Add("X-BambooHR-Timestamp", Now);
            request.Headers.Add("X-BambooHR-Signature", CorpusContext.BambooSignature(context.WebhookSecret, body, Now));
            return request;
        }, refused);
        yield return Case(HostileCategory.Unsigned, "bearer token instead of a signature", () =>
        {
            var request = CorpusContext.Webhook(Source, body, null);
            request.Headers.Add("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.");
            return request;
        }, refused);
        yield return Case(HostileCategory.Unsigned, "operator API key instead of a signature", () =>
        {
            var request = CorpusContext.Webhook(Source, body, null);
            request.Headers.Add("X-Api-Key", context.ApiKey);
            return request;
        }, refused);
    }

    static IEnumerable<HostileCase> Replayed(CorpusContext context)
    {
        var stale = OneRecord(context);
        yield return Case(HostileCategory.Replayed, "signature six minutes old", () =>
            CorpusContext.Webhook(Source, stale, WebhookSigner.Sign(context.WebhookSecret, stale, DateTimeOffset.UtcNow.AddMinutes(-6))), Expectation.Refused(401));
        yield return Case(HostileCategory.Replayed, "signature a day old", () =>
            CorpusContext.Webhook(Source, stale, WebhookSigner.Sign(context.WebhookSecret, stale, DateTimeOffset.UtcNow.AddDays(-1))), Expectation.Refused(401));
        yield return Case(HostileCategory.Replayed, "signature from 1970", () =>
            CorpusContext.Webhook(Source, stale, WebhookSigner.Sign(context.WebhookSecret, stale, DateTimeOffset.UnixEpoch)), Expectation.Refused(401));
        yield return Case(HostileCategory.Replayed, "signature six minutes in the future", () =>
            CorpusContext.Webhook(Source, stale, WebhookSigner.Sign(context.WebhookSecret, stale, DateTimeOffset.UtcNow.AddMinutes(6))), Expectation.Refused(401));
        yield return Case(HostileCategory.Replayed, "signature from year 9999", () =>
            CorpusContext.Webhook(Source, stale, WebhookSigner.Sign(context.WebhookSecret, stale, new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero))), Expectation.Refused(401));

        // The exact request again (same body, same signature): acknowledged as a duplicate, never processed twice.
        foreach (var (label, delay) in new[] { ("at once", 0), ("a second later", 1000) })
        {
            var original = OneRecord(context);
            string? signature = null;
            yield return Case(HostileCategory.Replayed, $"identical request replayed {label}",
                () => CorpusContext.Webhook(Source, original, signature), Expectation.Accepted(202, WebhookAnswer.OneDuplicate)) with
            {
                Before = async (http, ct) =>
                {
                    signature = context.SignNow(original);
                    await SendOriginalAsync(http, CorpusContext.Webhook(Source, original, signature), ct);
                    await Task.Delay(delay, ct);
                },
            };
        }

        // The same event id with other content and a fresh signature: still the same event, not processed again.
        var eventId = "hostile-replay-" + Guid.NewGuid();
        var worker = context.NewWorkerId();
        yield return Case(HostileCategory.Replayed, "same event id with changed content",
            () => context.SignedWebhook(Source, Webhook(eventId, Contractor(worker, "Changed", "Content"))), Expectation.Accepted(202, WebhookAnswer.OneDuplicate)) with
        {
            Before = (http, ct) => SendOriginalAsync(http, context.SignedWebhook(Source, Webhook(eventId, Contractor(worker))), ct),
        };

        // A captured signature on a tampered body.
        var captured = OneRecord(context);
        string? capturedSignature = null;
        yield return Case(HostileCategory.Replayed, "captured signature on a tampered body",
            () => CorpusContext.Webhook(Source, Webhook("tampered-" + Guid.NewGuid(), Contractor(context.NewWorkerId(), "Mallory")), capturedSignature),
            Expectation.Refused(401)) with
        {
            Before = async (http, ct) =>
            {
                capturedSignature = context.SignNow(captured);
                await SendOriginalAsync(http, CorpusContext.Webhook(Source, captured, capturedSignature), ct);
            },
        };

        var twice = "hostile-twice-" + Guid.NewGuid();
        yield return Case(HostileCategory.Replayed, "one event id twice in one body",
            () => context.SignedWebhook(Source, Webhook((twice, Contractor(context.NewWorkerId())), (twice, Contractor(context.NewWorkerId())))),
            Expectation.Accepted(202, WebhookAnswer.Counts(1, duplicates: 1)));
        yield return Case(HostileCategory.Replayed, "event id differing only by surrounding spaces",
            () => context.SignedWebhook(Source, Webhook((" padded-" + twice, Contractor(context.NewWorkerId())), ("padded-" + twice + " ", Contractor(context.NewWorkerId())))),
            Expectation.Accepted(202, WebhookAnswer.Counts(1, duplicates: 1)));
    }

    static async Task SendOriginalAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await http.SendAsync(request, cancellationToken))
        {
            if ((int)response.StatusCode != 202)
                throw new InvalidOperationException($"the original delivery was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    static IEnumerable<HostileCase> Malformed(CorpusContext context)
    {
        var worker = context.NewWorkerId();
        (string Name, string Body)[] bodies =
        [
            ("empty body", ""),
            ("whitespace body", "  \r\n\t "),
            ("truncated JSON", "{\"records\":[{\"eventId\":\"x\",\"attributes\":{\"WorkerID\":\"1"),
            ("a lone brace", "{"),
            ("JSON null", "null"),
            ("JSON string", "\"records\""),
            ("JSON number", "12345"),
            ("top-level array", "[{\"eventId\":\"x\",\"attributes\":{}}]"),
            ("records is an object", "{\"records\":{\"eventId\":\"x\"}}"),
            ("records is null", "{\"records\":null}"),
            ("records holds a number", "{\"records\":[1]}"),
            ("records holds null", "{\"records\":[null]}"),
            ("no eventId", $"{{\"records\":[{{\"attributes\":{{\"WorkerID\":\"{worker}\"}}}}]}}"),
            ("eventId is a number", $"{{\"records\":[{{\"eventId\":42,\"attributes\":{{\"WorkerID\":\"{worker}\"}}}}]}}"),
            ("eventId is empty", $"{{\"records\":[{{\"eventId\":\"  \",\"attributes\":{{\"WorkerID\":\"{worker}\"}}}}]}}"),
            ("eventId is an object", $"{{\"records\":[{{\"eventId\":{{\"$gt\":\"\"}},\"attributes\":{{\"WorkerID\":\"{worker}\"}}}}]}}"),
            ("attributes is an array", "{\"records\":[{\"eventId\":\"x\",\"attributes\":[\"WorkerID\",\"1\"]}]}"),
            ("attribute is an object", $"{{\"records\":[{{\"eventId\":\"x\",\"attributes\":{{\"WorkerID\":\"{worker}\",\"FirstName\":{{\"value\":\"A\"}}}}}}]}}"),
            ("attribute is an array", $"{{\"records\":[{{\"eventId\":\"x\",\"attributes\":{{\"WorkerID\":\"{worker}\",\"FirstName\":[\"A\"]}}}}]}}"),
            ("deleted is a string", $"{{\"records\":[{{\"eventId\":\"x\",\"deleted\":\"yes\",\"attributes\":{{\"WorkerID\":\"{worker}\"}}}}]}}"),
            ("deleted is a number", $"{{\"records\":[{{\"eventId\":\"x\",\"deleted\":1,\"attributes\":{{\"WorkerID\":\"{worker}\"}}}}]}}"),
            ("trailing comma", "{\"records\":[],}"),
            ("comments", "{/* hi */\"records\":[]}"),
            ("single quotes", "{'records':[]}"),
            ("NaN literal", "{\"records\":[{\"eventId\":\"x\",\"attributes\":{\"WorkerID\":NaN}}]}"),
            ("unquoted key", "{records:[]}"),
            ("two documents", "{\"records\":[]}{\"records\":[]}"),
            ("garbage after the document", "{\"records\":[]} trailing"),
            ("raw control character in a string", $"{{\"records\":[{{\"eventId\":\"x\u0001\",\"attributes\":{{\"WorkerID\":\"{worker}\"}}}}]}}"),
            ("invalid escape", $"{{\"records\":[{{\"eventId\":\"x\\q\",\"attributes\":{{\"WorkerID\":\"{worker}\"}}}}]}}"),
            ("nested 65 deep", "{\"records\":" + new string('[', 65) + new string(']', 65) + "}"),
            ("nested 10,000 deep", new string('[', 10_000) + new string(']', 10_000)),
            ("nested 150,000 deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 150_000)) + "1" + new string('}', 150_000)),
            ("unterminated 100,000 deep", new string('[', 100_000)),
        ];
        foreach (var (name, text) in bodies)
        {
            var bytes = Utf8(text);
            yield return Case(HostileCategory.Malformed, name, () => context.SignedWebhook(Source, bytes), Expectation.Refused(400));
        }

        yield return Case(HostileCategory.Malformed, "no worker id in a record",
            () => context.SignedWebhook(Source, Webhook("x-" + Guid.NewGuid(), Contractor(context.NewWorkerId()).With(("WorkerID", null)))),
            Expectation.Accepted(202, WebhookAnswer.OneRejected("WorkerID")));
        yield return Case(HostileCategory.Malformed, "worker id of spaces",
            () => context.SignedWebhook(Source, Webhook("x-" + Guid.NewGuid(), Contractor(context.NewWorkerId()).With(("WorkerID", "   ")))),
            Expectation.Accepted(202, WebhookAnswer.OneRejected("WorkerID")));
        yield return Case(HostileCategory.Malformed, "hire date that is no date",
            () => context.SignedWebhook(Source, Webhook("x-" + Guid.NewGuid(), Contractor(context.NewWorkerId()).With(("HireDate", "31/02/2020")))),
            Expectation.Accepted(202, WebhookAnswer.OneRejected("HireDate")));
        yield return Case(HostileCategory.Malformed, "hire date in year 99999",
            () => context.SignedWebhook(Source, Webhook("x-" + Guid.NewGuid(), Contractor(context.NewWorkerId()).With(("HireDate", "99999-01-01")))),
            Expectation.Accepted(202, WebhookAnswer.OneRejected("HireDate")));
        yield return Case(HostileCategory.Malformed, "effective date that is no date",
            () => context.SignedWebhook(Source, Webhook("x-" + Guid.NewGuid(), Contractor(context.NewWorkerId()).With(("EffectiveDate", "soon")))),
            Expectation.Accepted(202, WebhookAnswer.OneRejected("EffectiveDate")));
        yield return Case(HostileCategory.Malformed, "empty records array",
            () => context.SignedWebhook(Source, Utf8("{\"records\":[]}")), Expectation.Accepted(202, WebhookAnswer.Counts(0)));

        foreach (var contentType in new[] { null, "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", "application/json-seq", "*/*", "application/json; charset=\"", ";;;" })
        {
            var body = OneRecord(context);
            yield return Case(HostileCategory.Malformed, $"content type '{contentType ?? "(none)"}'",
                () => context.SignedWebhook(Source, body, contentType), Expectation.Refused(415));
        }

        var unknown = OneRecord(context);
        foreach (var source in new[] { "unknown-source", "HR-WEBHOOK", "hr-webhook%20", "hr-csv'--", "%2e%2e", new string('s', 3000) })
        {
            yield return Case(HostileCategory.Malformed, $"source '{(source.Length > 40 ? source[..40] + "…" : source)}'",
                () => context.SignedWebhook(source, unknown), Expectation.Refused(404));
        }

    }

    static IEnumerable<HostileCase> Oversized(CorpusContext context)
    {
        var mebibyte = 1024 * 1024;
        var justOver = Padded(context, mebibyte + 1);
        yield return Case(HostileCategory.Oversized, "one byte over 1 MiB", () => context.SignedWebhook(Source, justOver), Expectation.Refused(413));
        var ten = Padded(context, 10 * mebibyte);
        yield return Case(HostileCategory.Oversized, "10 MiB", () => context.SignedWebhook(Source, ten), Expectation.Refused(413));
        yield return Case(HostileCategory.Oversized, "2 MiB chunked (no Content-Length)", () =>
        {
            var body = Padded(context, 2 * mebibyte);
            return new HttpRequestMessage(HttpMethod.Post, "/webhooks/" + Source)
            {
                Content = CorpusContext.Chunked(body, "application/json"),
                Headers = { { WebhookSigner.Header, context.SignNow(body) } },
            };
        }, Expectation.Refused(413));
        var many = Enumerable.Range(0, 1001).Select(i => ($"many-{Guid.NewGuid()}", (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?> { ["WorkerID"] = "m" + i })).ToArray();
        var manyBody = Webhook(many);
        yield return Case(HostileCategory.Oversized, "1,001 records (limit 1,000)", () => context.SignedWebhook(Source, manyBody), Expectation.Refused(400));

        var longId = Webhook("x-" + Guid.NewGuid(), Contractor(new string('7', 257)));
        yield return Case(HostileCategory.Oversized, "worker id of 257 characters", () => context.SignedWebhook(Source, longId),
            Expectation.Accepted(202, WebhookAnswer.OneRejected("256")));
        yield return Case(HostileCategory.Oversized, "event id of 100,000 characters",
            () => context.SignedWebhook(Source, Webhook(new string('e', 100_000), Contractor(context.NewWorkerId()))),
            Expectation.Accepted(202, WebhookAnswer.OneRejected("event id")));
        yield return Case(HostileCategory.Oversized, "event id of 257 characters",
            () => context.SignedWebhook(Source, Webhook(new string('e', 257), Contractor(context.NewWorkerId()))),
            Expectation.Accepted(202, WebhookAnswer.OneRejected("event id")));
        yield return Case(HostileCategory.Oversized, "attribute name of 100,000 characters",
            () => context.SignedWebhook(Source, Webhook("x-" + Guid.NewGuid(), Contractor(context.NewWorkerId()).With((new string('n', 100_000), "v")))),
            Expectation.Accepted(202, WebhookAnswer.OneAccepted));
        yield return Case(HostileCategory.Oversized, "5,000 attributes",
            () => context.SignedWebhook(Source, Webhook("x-" + Guid.NewGuid(), Contractor(context.NewWorkerId()).With(Enumerable.Range(0, 5000).Select(i => ($"Extra{i}", (string?)"v")).ToArray()))),
            Expectation.Accepted(202, WebhookAnswer.OneAccepted));
    }

    /// <summary>A valid one-record webhook padded with an extra attribute to exactly <paramref name="size"/> bytes (or a little more).</summary>
    static byte[] Padded(CorpusContext context, int size)
    {
        var row = Contractor(context.NewWorkerId());
        var bare = Webhook("pad-" + Guid.NewGuid(), row.With(("Padding", "")));
        return Webhook("pad-" + Guid.NewGuid(), row.With(("Padding", new string('p', Math.Max(0, size - bare.Length)))));
    }
}
