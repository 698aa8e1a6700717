using System.Globalization;
using System.Text.Json.Nodes;
using static EntraMesh.HostileInput.Tests.Corpus.Records;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>BambooHR field-based webhooks (<c>POST /webhooks/bamboohr</c>): its signature scheme, replays, encodings, bodies.</summary>
public static class BambooHrCases
{
    static HostileCase Case(HostileCategory category, string name, Func<HttpRequestMessage> request, Expectation expect) =>
        new() { Category = category, Surface = Surface.BambooHrWebhook, Name = name, Request = request, Expect = expect };

    static string Now(int offsetSeconds = 0) => (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>One employee as BambooHR sends it; fields may be plain or wrapped as {"value": ...}.</summary>
    public static byte[] Employees(params (string Id, string Action, IReadOnlyDictionary<string, string?> Fields)[] employees) => Utf8(new JsonObject
    {
        ["employees"] = new JsonArray(employees.Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id,
            ["action"] = e.Action,
            ["timestamp"] = "2026-03-01T09:00:00+00:00",
            ["changedFields"] = new JsonArray(e.Fields.Keys.Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()),
            ["fields"] = new JsonObject(e.Fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)new JsonObject { ["value"] = f.Value }))),
        }).ToArray()),
    }.ToJsonString());

    static byte[] OneEmployee(CorpusContext context, string first = "Bamboo") =>
        Employees((context.NewWorkerId(), "Updated", new Dictionary<string, string?> { ["First Name"] = first, ["Last Name"] = "Hostile", ["Status"] = "Active" }));

    static Func<JsonNode?, string?> OneAccepted => WebhookAnswer.OneAccepted;

    public static IEnumerable<HostileCase> All(CorpusContext context)
    {
        var body = OneEmployee(context);
        var secret = context.WebhookSecret;
        (string Name, Func<string?> Timestamp, Func<string?> Signature)[] unsigned =
        [
            ("no signature and no timestamp", () => null, () => null),
            ("no signature", () => Now(), () => null),
            ("no timestamp", () => null, () => CorpusContext.BambooSignature(secret, body, Now())),
            ("timestamp in words", () => "yesterday", () => CorpusContext.BambooSignature(secret, body, "yesterday")),
            ("timestamp beyond long", () => "999999999999999999999999", () => CorpusContext.BambooSignature(secret, body, "999999999999999999999999")),
            ("wrong key", () => Now(), () => CorpusContext.BambooSignature("wrong", body, Now())),
            ("signature of the body without the timestamp", () => Now(), () => Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Utf8(secret), body))),
            ("signature over another timestamp", () => Now(), () => CorpusContext.BambooSignature(secret, body, Now(-1))),
            ("signature not hex", () => Now(), () => "not-hex-at-all"),
            ("EntraMesh-style signature", () => Now(), () => context.SignNow(body)),
        ];
        foreach (var (name, timestamp, signature) in unsigned)
        {
            yield return Case(HostileCategory.Unsigned, name, () => context.BambooHr(body, timestamp(), signature()), Expectation.Refused(401));
        }

        foreach (var (name, offset) in new[] { ("timestamp six minutes old", -360), ("timestamp a week old", -604_800), ("timestamp ten minutes ahead", 600) })
        {
            yield return Case(HostileCategory.Replayed, name, () =>
            {
                var at = Now(offset);
                return context.BambooHr(body, at, CorpusContext.BambooSignature(secret, body, at));
            }, Expectation.Refused(401));
        }

        yield return Case(HostileCategory.Replayed, "ISO 8601 timestamp from 2001", () =>
            context.BambooHr(body, "2001-01-01T00:00:00Z", CorpusContext.BambooSignature(secret, body, "2001-01-01T00:00:00Z")), Expectation.Refused(401));

        var replayed = OneEmployee(context);
        yield return Case(HostileCategory.Replayed, "the same employee change delivered again",
            () => context.SignedBambooHr(replayed), Expectation.Accepted(202, WebhookAnswer.OneDuplicate)) with
        {
            Before = async (http, ct) =>
            {
                using var first = context.SignedBambooHr(replayed);
                using var response = await http.SendAsync(first, ct);
                if ((int)response.StatusCode != 202) throw new InvalidOperationException($"the first delivery was answered {(int)response.StatusCode}");
            },
        };

        (string Name, string Body, Expectation Expect)[] malformed =
        [
            ("empty body", "", Expectation.Refused(400)),
            ("no employees", "{}", Expectation.Refused(400)),
            ("employees is an object", "{\"employees\":{\"id\":\"1\"}}", Expectation.Refused(400)),
            ("employee is a string", "{\"employees\":[\"1\"]}", Expectation.Refused(400)),
            ("fields is an array", "{\"employees\":[{\"id\":\"1\",\"fields\":[\"First Name\"]}]}", Expectation.Refused(400)),
            ("nested 100 deep", "{\"employees\":" + new string('[', 100) + new string(']', 100) + "}", Expectation.Refused(400)),
            ("employee without id", "{\"employees\":[{\"action\":\"Updated\",\"fields\":{\"First Name\":\"A\"}}]}", Expectation.Accepted(202, WebhookAnswer.OneRejected("WorkerID"))),
            ("value wrapper holding an object", "{\"employees\":[{\"id\":\"b-obj\",\"fields\":{\"First Name\":{\"value\":{\"x\":1}}}}]}", Expectation.Accepted(202, OneAccepted)),
            ("id is a huge number", "{\"employees\":[{\"id\":1e400,\"fields\":{}}]}", Expectation.Accepted(202, OneAccepted)),
            ("hire date garbage", "{\"employees\":[{\"id\":\"b-date\",\"fields\":{\"Hire Date\":{\"value\":\"0000-00-00\"}}}]}", Expectation.Accepted(202, WebhookAnswer.OneRejected("HireDate"))),
        ];
        foreach (var (name, text, expect) in malformed)
        {
            var bytes = Utf8(text);
            yield return Case(HostileCategory.Malformed, name, () => context.SignedBambooHr(bytes), expect);
        }

        (string Name, Func<byte[]> Body)[] encodings =
        [
            ("invalid UTF-8 in a field name", () => Concat("{\"employees\":[{\"id\":\"", context.NewWorkerId(), "\",\"fields\":{\"", new byte[] { 0xC3, 0x28 }, "\":\"x\"}}]}")),
            ("invalid UTF-8 in a value", () => Concat("{\"employees\":[{\"id\":\"", context.NewWorkerId(), "\",\"fields\":{\"First Name\":\"", new byte[] { 0xFF }, "\"}}]}")),
            ("lone surrogate escape in a field name", () => Utf8($"{{\"employees\":[{{\"id\":\"{context.NewWorkerId()}\",\"fields\":{{\"\\uD800\":\"x\"}}}}]}}")),
            ("invalid UTF-8 in the id", () => Concat("{\"employees\":[{\"id\":\"", new byte[] { 0xED, 0xB0, 0x80 }, "\",\"fields\":{}}]}")),
            ("UTF-16LE body", () => System.Text.Encoding.Unicode.GetBytes($"{{\"employees\":[{{\"id\":\"{context.NewWorkerId()}\",\"fields\":{{}}}}]}}")),
        ];
        foreach (var (name, build) in encodings)
        {
            yield return Case(HostileCategory.WronglyEncoded, name, () => context.SignedBambooHr(build()), Expectation.Refused(400));
        }

        yield return Case(HostileCategory.WronglyEncoded, "NUL escape in a field value",
            () => context.SignedBambooHr(Utf8($"{{\"employees\":[{{\"id\":\"{context.NewWorkerId()}\",\"fields\":{{\"First Name\":\"a\\u0000b\"}}}}]}}")),
            Expectation.Accepted(202, WebhookAnswer.OneRejected("NUL")));

        foreach (var (name, text) in Payloads.Sql.Concat(Payloads.OtherInjection).Concat(Payloads.Unicode.Take(6)))
        {
            var employee = OneEmployee(context, text);
            yield return Case(HostileCategory.Injection, $"{name} in First Name", () => context.SignedBambooHr(employee), Expectation.Accepted(202, OneAccepted));
        }

        foreach (var (name, text) in Payloads.Traversal.Concat(Payloads.Sql.Take(3)))
        {
            var employee = Employees((text, "Updated", new Dictionary<string, string?> { ["First Name"] = "Id" }));
            yield return Case(HostileCategory.Injection, $"{name} as the BambooHR id", () => context.SignedBambooHr(employee), Expectation.Accepted(202, OneAccepted));
        }

        var oversized = Employees(Enumerable.Range(0, 1001).Select(i => ($"bulk-{i}", "Updated", (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>())).ToArray());
        yield return Case(HostileCategory.Oversized, "1,001 employees", () => context.SignedBambooHr(oversized), Expectation.Refused(400));
        var huge = Employees((context.NewWorkerId(), "Updated", new Dictionary<string, string?> { ["First Name"] = new string('b', 1024 * 1024) }));
        yield return Case(HostileCategory.Oversized, "a 1 MiB first name", () => context.SignedBambooHr(huge), Expectation.Refused(413));
    }
}
