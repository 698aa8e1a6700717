using System.Text.Json.Nodes;
using static EntraMesh.HostileInput.Tests.Corpus.Records;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>
/// The ops API through the gateway (<c>/api/reconciliation</c>, operator credentials) and the gateway's own edges: lookups,
/// lists, the summary, replays, missing or wrong credentials, and paths that must never be routed.
/// </summary>
public static class OpsApiCases
{
    /// <summary>A worker of Microsoft's CSV2SCIM sample, imported before the corpus runs.</summary>
    public const string KnownWorker = "1513";

    const string Api = "/api/reconciliation";

    static HostileCase Case(HostileCategory category, string name, Func<HttpRequestMessage> request, Expectation expect) =>
        new() { Category = category, Surface = Surface.OpsApi, Name = name, Request = request, Expect = expect };

    static Func<JsonNode?, string?> Page => body => body?["items"] is JsonArray ? null : "no items";

    public static IEnumerable<HostileCase> All(CorpusContext context) =>
        Lookups(context).Concat(Lists(context)).Concat(Replays(context)).Concat(Credentials(context)).Concat(Unrouted(context));

    static IEnumerable<HostileCase> Lookups(CorpusContext context)
    {
        foreach (var (name, text) in Payloads.Sql.Concat(Payloads.Traversal).Concat(Payloads.OtherInjection).Concat(Payloads.Unicode.Take(6)))
        {
            yield return Case(HostileCategory.Injection, $"{name} as an unknown worker id",
                () => context.Operator(HttpMethod.Get, $"{Api}/workers/hr-csv/{Uri.EscapeDataString(text + "-unknown")}"), Expectation.Refused(404));
        }

        yield return Case(HostileCategory.Injection, "encoded slashes in the source id",
            () => context.Operator(HttpMethod.Get, $"{Api}/workers/{Uri.EscapeDataString("../../etc")}/1"), Expectation.Refused(404));
        yield return Case(HostileCategory.Oversized, "worker id of 4,000 characters",
            () => context.Operator(HttpMethod.Get, $"{Api}/workers/hr-csv/{new string('4', 4000)}"), Expectation.Refused(404));
        yield return Case(HostileCategory.Malformed, "format=xml", () => context.Operator(HttpMethod.Get, $"{Api}/workers/hr-csv/{KnownWorker}?format=xml"), Expectation.Refused(400));
        yield return Case(HostileCategory.Injection, "CSV export of a known worker", () => context.Operator(HttpMethod.Get, $"{Api}/workers/hr-csv/{KnownWorker}?format=csv"),
            Expectation.Accepted(200));
    }

    static IEnumerable<HostileCase> Lists(CorpusContext context)
    {
        (string Parameter, string Value, bool Valid)[] parameters =
        [
            ("state", "Failed' OR '1'='1", false), ("state", "0", false), ("state", "Succeeded,,,Failed", true), ("state", new string('x', 5000), false),
            ("target", "' OR 1=1--", true), ("target", new string('t', 257), false), ("target", "\u0000", false), ("target", "../../dispatch", true),
            ("changeKind", "Joiner;DROP", false), ("changeKind", "99", false),
            ("since", "yesterday", false), ("since", "9999-12-31T23:59:59Z", true), ("since", "0001-01-01", true), ("since", "-99999-01-01", false),
            ("sourceId", "hr-csv' --", true), ("errorCode", "$(id)", true),
            ("sort", "workerId; DROP TABLE worker", false), ("sort", "-", false), ("sort", "--workerId", true),
            ("cursor", "not-base64!", false), ("cursor", "eyJzb3J0IjoiV29ya2VySWQifQ", false), ("cursor", "e30", false), ("cursor", new string('A', 10_000), false),
            ("cursor", "bnVsbA", false), ("cursor", "WzEsMiwzXQ", false),
            ("limit", "0", false), ("limit", "-1", false), ("limit", "99999999999999999999", false), ("limit", "1e3", false), ("limit", "100000", false),
            ("format", "xlsx", false), ("format", "CSV", true), ("unknownParameter", "1", false), ("state[]", "Failed", false),
        ];
        foreach (var list in new[] { "workers", "failures", "stuck" })
        {
            foreach (var (parameter, value, valid) in parameters)
            {
                if (list != "workers" && parameter is "state" && valid) continue;
                var category = value.Length > 256 ? HostileCategory.Oversized : valid || value.Contains('\'') || value.Contains('$') ? HostileCategory.Injection : HostileCategory.Malformed;
                var csv = parameter == "format" && valid;
                yield return Case(category, $"{list}?{parameter}={(value.Length > 30 ? value[..30] + "…" : value)}",
                    () => context.Operator(HttpMethod.Get, $"{Api}/{list}?{Uri.EscapeDataString(parameter)}={Uri.EscapeDataString(value)}"),
                    // Over 8,000 characters of URL the gateway refuses before forwarding (414); under it the service judges the value.
                    valid ? Expectation.Accepted(200, csv ? null : Page) : Expectation.Refused(value.Length > 8000 ? 414 : 400));
            }
        }

        foreach (var window in new[] { "P99999999999D", "PT-1H", "forever", "P1Y2M", "00:00:00", "99999999.00:00:00", "PT0.5S", "%00", "P" })
        {
            yield return Case(HostileCategory.Malformed, $"summary?window={window}", () => context.Operator(HttpMethod.Get, $"{Api}/summary?window={Uri.EscapeDataString(window)}"), Expectation.Refused(400));
        }

        yield return Case(HostileCategory.Malformed, "summary with an unknown parameter", () => context.Operator(HttpMethod.Get, $"{Api}/summary?windows=PT1H"), Expectation.Refused(400));
    }

    static IEnumerable<HostileCase> Replays(CorpusContext context)
    {
        var one = $"{Api}/workers/hr-csv/{KnownWorker}/replay";
        (string Name, string Body, HostileCategory Category)[] refused =
        [
            ("empty body", "", HostileCategory.Malformed), ("JSON null", "null", HostileCategory.Malformed), ("no reason", "{}", HostileCategory.Malformed),
            ("reason is a number", "{\"reason\":42}", HostileCategory.Malformed), ("reason of spaces", "{\"reason\":\"   \"}", HostileCategory.Malformed),
            ("reason of 1,001 characters", $"{{\"reason\":\"{new string('r', 1001)}\"}}", HostileCategory.Oversized),
            ("reason with a NUL", "{\"reason\":\"a\\u0000b\"}", HostileCategory.WronglyEncoded), ("reason with an escape sequence", "{\"reason\":\"\\u001b[2J\"}", HostileCategory.Injection),
            ("reason with a lone surrogate", "{\"reason\":\"\\uD800\"}", HostileCategory.WronglyEncoded),
            ("nested 10,000 deep", new string('[', 10_000) + new string(']', 10_000), HostileCategory.Oversized),
            ("truncated JSON", "{\"reason\":\"x", HostileCategory.Malformed), ("top-level array", "[\"reason\"]", HostileCategory.Malformed),
        ];
        foreach (var (name, body, category) in refused)
        {
            yield return Case(category, $"replay: {name}", () => context.Operator(HttpMethod.Post, one, CorpusContext.Text(body, "application/json")), Expectation.Refused(400));
        }

        yield return Case(HostileCategory.WronglyEncoded, "replay: invalid UTF-8 in the reason",
            () => context.Operator(HttpMethod.Post, one, CorpusContext.Bytes(Concat("{\"reason\":\"", new byte[] { 0xC3, 0x28 }, "\"}"), "application/json")), Expectation.Refused(400));
        yield return Case(HostileCategory.Oversized, "replay: body over 64 KiB",
            () => context.Operator(HttpMethod.Post, one, CorpusContext.Text($"{{\"reason\":\"{new string('r', 70_000)}\"}}", "application/json")), Expectation.Refused(413));
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded" })
        {
            yield return Case(HostileCategory.Malformed, $"replay: content type {type}", () => context.Operator(HttpMethod.Post, one, CorpusContext.Text("{\"reason\":\"x\"}", type)), Expectation.Refused(415));
        }

        yield return Case(HostileCategory.Injection, "replay: a forged X-EntraMesh-Principal is replaced by the real caller", () =>
        {
            var request = context.Operator(HttpMethod.Post, one, CorpusContext.Text("{\"reason\":\"hostile corpus\"}", "application/json"));
            request.Headers.Add("X-EntraMesh-Principal", "user:ceo@woodgrove.example");
            return request;
        }, Expectation.Accepted(202, body => (string?)body?["requestedBy"] == "apikey:local" ? null : $"requestedBy is {body?["requestedBy"]}"));
        foreach (var (name, text) in Payloads.Sql.Take(3).Concat(Payloads.CsvFormula.Take(2)))
        {
            yield return Case(HostileCategory.Injection, $"replay: {name} as the reason",
                () => context.Operator(HttpMethod.Post, one, CorpusContext.Text(new JsonObject { ["reason"] = text }.ToJsonString(), "application/json")),
                Expectation.Accepted(202, body => (string?)body?["reason"] == text.Trim() ? null : "the reason was not kept verbatim"));
        }

        const string bulk = $"{Api}/workers/replay";
        (string Name, string Body, bool Valid)[] bulkBodies =
        [
            ("states with SQL", "{\"reason\":\"x\",\"states\":[\"Failed' OR 1=1\"]}", false), ("state Succeeded", "{\"reason\":\"x\",\"states\":[\"Succeeded\"]}", false),
            ("maxWorkers 0", "{\"reason\":\"x\",\"maxWorkers\":0}", false), ("maxWorkers beyond int", "{\"reason\":\"x\",\"maxWorkers\":1e20}", false),
            ("since in words", "{\"reason\":\"x\",\"since\":\"last week\"}", false), ("dryRun as a string", "{\"reason\":\"x\",\"dryRun\":\"yes\"}", false),
            ("changeKind unknown", "{\"reason\":\"x\",\"changeKind\":\"Exploit\"}", false), ("target of 300 characters", $"{{\"reason\":\"x\",\"target\":\"{new string('t', 300)}\"}}", false),
            ("no reason", "{\"dryRun\":true}", false),
            ("dry run filtered by an injection-laden error code", "{\"reason\":\"x\",\"dryRun\":true,\"errorCode\":\"' OR '1'='1\"}", true),
            ("dry run filtered by a traversal target", "{\"reason\":\"x\",\"dryRun\":true,\"target\":\"../../etc/passwd\"}", true),
        ];
        foreach (var (name, body, valid) in bulkBodies)
        {
            yield return Case(valid ? HostileCategory.Injection : HostileCategory.Malformed, $"bulk replay: {name}",
                () => context.Operator(HttpMethod.Post, bulk, CorpusContext.Text(body, "application/json")),
                valid ? Expectation.Accepted(200, answer => (int?)answer?["matched"] == 0 ? null : $"matched {answer?["matched"]}") : Expectation.Refused(400));
        }

        yield return Case(HostileCategory.Injection, "replay of an unknown worker with an injection-laden id",
            () => context.Operator(HttpMethod.Post, $"{Api}/workers/hr-csv/{Uri.EscapeDataString("1; DROP TABLE worker")}/replay", CorpusContext.Text("{\"reason\":\"x\"}", "application/json")),
            Expectation.Refused(404));
    }

    static IEnumerable<HostileCase> Credentials(CorpusContext context)
    {
        (string Name, string? Header, string? Value)[] credentials =
        [
            ("no credentials", null, null), ("empty API key", "X-Api-Key", ""), ("wrong API key", "X-Api-Key", "not-the-key"),
            ("API key with one character more", "X-Api-Key", context.ApiKey + "0"), ("API key in upper case", "X-Api-Key", context.ApiKey.ToUpperInvariant()),
            ("API key of 8 KB", "X-Api-Key", new string('k', 8192)), ("API key with SQL", "X-Api-Key", "' OR '1'='1"),
            ("API key as a bearer token", "Authorization", "Bearer " + context.ApiKey), ("basic authentication", "Authorization", "Basic " + Convert.ToBase64String(Utf8("local:" + context.ApiKey))),
            ("bearer garbage", "Authorization", "Bearer garbage"), ("unsigned JWT", "Authorization", "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJyb2xlcyI6WyJyZWNvbmNpbGlhdGlvbi5yZWFkIl19."),
            ("empty bearer", "Authorization", "Bearer "), ("bearer of 6 KB", "Authorization", "Bearer " + new string('a', 6000)),
        ];
        foreach (var (name, header, value) in credentials)
        {
            foreach (var (label, method, path) in new[] { ("summary", HttpMethod.Get, $"{Api}/summary"), ("import", HttpMethod.Post, "/api/imports"), ("rules", HttpMethod.Post, "/api/rules/validate") })
            {
                yield return Case(HostileCategory.Unsigned, $"{label} with {name}", () =>
                {
                    var request = new HttpRequestMessage(method, path);
                    if (header is not null) request.Headers.TryAddWithoutValidation(header, value);
                    return request;
                }, Expectation.Refused(401));
            }
        }
    }

    static IEnumerable<HostileCase> Unrouted(CorpusContext context)
    {
        foreach (var path in new[]
        {
            "/_emulator/directory", "/api/dispatch/targets", "/openapi/dispatch.json", "/api/reconciliation2/summary", "/webhooks", "/webhooks/",
            "/api/imports2", "/%2e%2e/_emulator/counters", "/webhooks/hr-csv/../../_emulator/counters", "/api/rules/%2e%2e/%2e%2e/_emulator/faults",
            "/HEALTH/../_emulator", "/api/reconciliation/workers/hr-csv/1513/../../../../../_emulator/users",
        })
        {
            yield return Case(HostileCategory.Injection, $"unrouted {path}", () => context.Operator(HttpMethod.Get, path), Expectation.Refused(404));
        }

        yield return Case(HostileCategory.Malformed, "GET on the webhook route", () => new HttpRequestMessage(HttpMethod.Get, "/webhooks/hr-csv"), Expectation.Refused(404, 405));
        yield return Case(HostileCategory.Malformed, "DELETE on the reconciliation API", () => context.Operator(HttpMethod.Delete, $"{Api}/workers/hr-csv/{KnownWorker}"), Expectation.Refused(404, 405));
        yield return Case(HostileCategory.Malformed, "PATCH on the summary", () => context.Operator(HttpMethod.Patch, $"{Api}/summary"), Expectation.Refused(404, 405));
    }
}
