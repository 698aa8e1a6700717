using System.Text;
using System.Text.Json.Nodes;
using static EntraMesh.HostileInput.Tests.Corpus.Records;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>
/// The rules API: validation (<c>/api/rules/validate</c>), record preview (<c>/api/rules/preview</c>) and population
/// preview (<c>/api/rules/preview-population</c>). A rule set with errors is a valid validation request: it is answered
/// 200 with every error (line, column, message) and <c>valid: false</c>; everything the endpoint cannot read is a 4xx.
/// </summary>
public static class RulesCases
{
    const int MaxRulesBytes = 1_048_576;

    public static IEnumerable<HostileCase> All(CorpusContext context) =>
        Validation(context).Concat(Preview(context)).Concat(PopulationPreview(context));

    static HttpRequestMessage Post(CorpusContext context, string path, byte[] body, string? contentType) =>
        context.Operator(HttpMethod.Post, path, CorpusContext.Bytes(body, contentType));

    static HostileCategory CategoryOf(string name) =>
        name.Contains("deep", StringComparison.Ordinal) || name.Contains("beyond", StringComparison.Ordinal) || name.Contains("10,001", StringComparison.Ordinal)
            ? HostileCategory.Oversized
            : name.Contains("SQL", StringComparison.Ordinal) || name.Contains("tag", StringComparison.Ordinal) || name.Contains("climbs", StringComparison.Ordinal)
              || name.Contains("path", StringComparison.Ordinal) || name.Contains("regex", StringComparison.Ordinal) || name.Contains("laughs", StringComparison.Ordinal)
                ? HostileCategory.Injection
                : HostileCategory.Malformed;

    /// <summary>A 200 validation answer that reports the rule set invalid, every error with a position and a message.</summary>
    static Func<JsonNode?, string?> ReportedInvalid => body =>
    {
        if ((bool?)body?["valid"] != false) return "the rule set was reported valid";
        var errors = body?["errors"]?.AsArray() ?? [];
        var failedTests = body?["tests"]?.AsArray().Where(t => (bool?)t?["passed"] == false).ToList() ?? [];
        if (errors.Count == 0 && failedTests.Count == 0) return "invalid, but neither an error nor a failed test case says why";
        return errors.FirstOrDefault(e => (int?)e?["line"] is not > 0 || string.IsNullOrWhiteSpace((string?)e?["message"])) is { } bad
            ? $"an error without line or message: {bad.ToJsonString()}"
            : null;
    };

    static IEnumerable<(string Name, byte[] Body, int Status)> Unreadable(string valid) =>
    [
        ("empty body", [], 400),
        ("whitespace body", Utf8(" \n\t"), 400),
        ("invalid UTF-8", Concat("version: \"", new byte[] { 0xC3, 0x28 }, "\"\n"), 400),
        ("UTF-16LE with BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(valid)], 400),
        ("Latin-1", Latin1(valid), 400),
        ("one byte over 1 MiB", Utf8(valid + "\n#" + new string('#', MaxRulesBytes - valid.Length)), 413),
        ("11 MiB (over the gateway's limit)", new byte[11 * 1024 * 1024], 413),
    ];

    /// <summary>The text in Latin-1 with an accented letter put in (a rule set's version or a previewed name), so the bytes are not UTF-8.</summary>
    static byte[] Latin1(string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text.Replace("hostile-1", "h\u00f6stile", StringComparison.Ordinal).Replace("P One", "P \u00d6ne", StringComparison.Ordinal));
        return bytes.Any(b => b > 0x7F) ? bytes : throw new InvalidOperationException("the Latin-1 case holds no accented letter");
    }

    static IEnumerable<HostileCase> Validation(CorpusContext context)
    {
        const string path = "/api/rules/validate";
        var valid = RuleSetTexts.Valid();
        foreach (var (name, body, status) in Unreadable(valid))
        {
            yield return Case(Surface.RuleValidation, name.Contains("MiB") ? HostileCategory.Oversized : name.Contains("UTF") || name.Contains("Latin") ? HostileCategory.WronglyEncoded : HostileCategory.Malformed,
                name, () => Post(context, path, body, "application/yaml"), Expectation.Refused(status));
        }

        yield return Case(Surface.RuleValidation, HostileCategory.Oversized, "2 MiB chunked",
            () => context.Operator(HttpMethod.Post, path, CorpusContext.Chunked(new byte[2 * 1024 * 1024], "application/yaml")), Expectation.Refused(413));
        foreach (var type in new[] { "application/json", "image/png", "text/csv", "multipart/form-data; boundary=x" })
        {
            yield return Case(Surface.RuleValidation, HostileCategory.Malformed, $"content type {type}", () => Post(context, path, Utf8(valid), type), Expectation.Refused(415));
        }

        yield return Case(Surface.RuleValidation, HostileCategory.WronglyEncoded, "UTF-8 BOM before a valid rule set",
            () => Post(context, path, [0xEF, 0xBB, 0xBF, .. Utf8(valid)], "text/yaml"), Expectation.Accepted(200, body => (bool?)body?["valid"] == true ? null : "not valid"));
        foreach (var (name, yaml) in RuleSetTexts.Invalid())
        {
            yield return Case(Surface.RuleValidation, CategoryOf(name), name, () => Post(context, path, Utf8(yaml), "application/yaml"), Expectation.Accepted(200, ReportedInvalid));
        }
    }

    static IEnumerable<HostileCase> Preview(CorpusContext context)
    {
        const string path = "/api/rules/preview";
        string Request(string record, string extra = "") => $"{{\"record\":{record}{extra}}}";
        const string record = "{\"workerId\":\"p1\",\"attributes\":{\"WorkerID\":\"p1\",\"WorkerType\":\"Contractor\",\"FullName\":\"P One\"}}";
        (string Name, string Body)[] refused =
        [
            ("empty body", ""),
            ("JSON null", "null"),
            ("no record", "{}"),
            ("record is an array", "{\"record\":[]}"),
            ("record without a worker id", "{\"record\":{\"attributes\":{}}}"),
            ("worker id is a number", "{\"record\":{\"workerId\":5,\"attributes\":{}}}"),
            ("worker id of spaces", "{\"record\":{\"workerId\":\"  \",\"attributes\":{}}}"),
            ("attributes missing", "{\"record\":{\"workerId\":\"p\"}}"),
            ("attribute holds an object", "{\"record\":{\"workerId\":\"p\",\"attributes\":{\"a\":{\"b\":1}}}}"),
            ("attribute holds a huge number", "{\"record\":{\"workerId\":\"p\",\"attributes\":{\"a\":1e400}}}"),
            ("hire date that is no date", Request("{\"workerId\":\"p\",\"attributes\":{},\"hireDate\":\"2020-02-30\"}")),
            ("terminated is a string", Request("{\"workerId\":\"p\",\"attributes\":{},\"terminated\":\"yes\"}")),
            ("now that is no instant", Request(record, ",\"now\":\"tomorrow\"")),
            ("taken values is a string", Request(record, ",\"takenValues\":\"a\"")),
            ("empty candidate rule set", Request(record, ",\"ruleSet\":\"  \"")),
            ("candidate rule set with errors", Request(record, ",\"ruleSet\":\"version: [\"")),
            ("truncated JSON", "{\"record\":{\"workerId\":\"p"),
            ("nested 10,000 deep", new string('[', 10_000) + new string(']', 10_000)),
            ("record nested 100 deep", "{\"record\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100) + "}"),
            ("lone surrogate escape in an attribute", "{\"record\":{\"workerId\":\"p\",\"attributes\":{\"FullName\":\"\\uD800\"}}}"),
            ("lone surrogate escape in an attribute name", "{\"record\":{\"workerId\":\"p\",\"attributes\":{\"\\uDFFF\":\"x\"}}}"),
            ("lone surrogate escape in the worker id", "{\"record\":{\"workerId\":\"\\uD800\",\"attributes\":{}}}"),
        ];
        foreach (var (name, body) in refused)
        {
            var category = name.Contains("surrogate") ? HostileCategory.WronglyEncoded : name.Contains("deep") || name.Contains("huge") ? HostileCategory.Oversized : HostileCategory.Malformed;
            yield return Case(Surface.RulePreview, category, name, () => Post(context, path, Utf8(body), "application/json"), Expectation.Refused(400));
        }

        foreach (var (name, body, status) in Unreadable(Request(record)))
        {
            yield return Case(Surface.RulePreview, name.Contains("MiB") ? HostileCategory.Oversized : HostileCategory.WronglyEncoded, name,
                () => Post(context, path, body, "application/json"), Expectation.Refused(status));
        }

        foreach (var type in new[] { "text/yaml", "application/x-www-form-urlencoded", "text/plain" })
        {
            yield return Case(Surface.RulePreview, HostileCategory.Malformed, $"content type {type}", () => Post(context, path, Utf8(Request(record)), type), Expectation.Refused(415));
        }

        foreach (var (name, text) in Payloads.AllValid)
        {
            var attributes = new JsonObject { ["WorkerID"] = "p2", ["WorkerType"] = "Contractor", ["UserID"] = "EMPp2", ["FullName"] = text, ["FirstName"] = text };
            var body = Utf8(new JsonObject { ["record"] = new JsonObject { ["workerId"] = "p2", ["attributes"] = attributes } }.ToJsonString());
            yield return Case(Surface.RulePreview, HostileCategory.Injection, $"{name} in a previewed record", () => Post(context, path, body, "application/json"),
                Expectation.Accepted(200, answer => (string?)answer?["data"]?["displayName"] == text ? null : $"displayName came back as {answer?["data"]?["displayName"]?.ToJsonString()}"));
        }

        foreach (var (name, yaml) in RuleSetTexts.Invalid())
        {
            var body = Utf8(new JsonObject { ["record"] = JsonNode.Parse(record), ["ruleSet"] = yaml }.ToJsonString());
            yield return Case(Surface.RulePreview, CategoryOf(name), $"candidate rule set: {name}", () => Post(context, path, body, "application/json"),
                name.StartsWith("test case", StringComparison.Ordinal)
                    ? Expectation.AcceptedOrRefused(200, answer => answer?["ruleSetVersion"] is null ? "no rule set version" : null, 400)
                    : Expectation.Refused(400));
        }

        foreach (var (name, now, expression) in new[]
        {
            ("DateAdd past the year 9999", "9999-12-31T23:59:59Z", "DateAdd(\"yyyy\", 1, Now())"),
            ("DateAdd before the year 1", "0001-01-01T00:00:00Z", "DateAdd(\"d\", -1, Now())"),
            ("DateAdd of int.MaxValue days", "2026-01-01T00:00:00Z", "DateAdd(\"d\", 2147483647, Now())"),
            ("DateDiff across all of time", "9999-12-31T23:59:59Z", "DateDiff(\"s\", CDate(\"0001-01-01T00:00:00Z\"), Now())"),
            ("Mid at int.MaxValue", "2026-01-01T00:00:00Z", "Mid([FullName], 2147483647, 2147483647)"),
            ("Left with a negative length", "2026-01-01T00:00:00Z", "Left([FullName], -1)"),
            ("BitAnd of long.MinValue", "2026-01-01T00:00:00Z", "CStr(BitAnd(-9223372036854775808, -1))"),
            ("Replace with a catastrophic regex", "2026-01-01T00:00:00Z", "Replace(\"" + new string('a', 40) + "!\", , \"^(a+)+$\", , \"x\", , )"),
            ("FormatDateTime with a hostile format", "2026-01-01T00:00:00Z", "FormatDateTime(\"2026-01-01\", , \"yyyy-MM-dd\", \"" + new string('y', 500) + "\")"),
        })
        {
            var yaml = RuleSetTexts.Valid($"'{expression.Replace("'", "''", StringComparison.Ordinal)}'");
            var body = Utf8(new JsonObject { ["record"] = JsonNode.Parse(record), ["ruleSet"] = yaml, ["now"] = now }.ToJsonString());
            yield return Case(Surface.RulePreview, HostileCategory.Oversized, name, () => Post(context, path, body, "application/json"),
                Expectation.Accepted(200, answer => answer?["ruleSetVersion"] is null ? "no rule set version" : null));
        }
    }

    static IEnumerable<HostileCase> PopulationPreview(CorpusContext context)
    {
        const string path = "/api/rules/preview-population";
        var valid = RuleSetTexts.Valid();
        foreach (var samples in new[] { "-1", "abc", "101", "99999999999", "1e3", "%00", "5;DROP", "" + new string('9', 500) })
        {
            yield return Case(Surface.PopulationPreview, HostileCategory.Malformed, $"samples={samples[..Math.Min(20, samples.Length)]}",
                () => Post(context, path + "?samples=" + samples, Utf8(valid), "application/yaml"), Expectation.Refused(400));
        }

        foreach (var (name, body, status) in Unreadable(valid))
        {
            yield return Case(Surface.PopulationPreview, name.Contains("MiB") ? HostileCategory.Oversized : HostileCategory.WronglyEncoded, name,
                () => Post(context, path, body, "application/yaml"), Expectation.Refused(status));
        }

        yield return Case(Surface.PopulationPreview, HostileCategory.Malformed, "content type application/json",
            () => Post(context, path, Utf8(valid), "application/json"), Expectation.Refused(415));
        foreach (var (name, yaml) in RuleSetTexts.Invalid().Where(t => !t.Name.StartsWith("test case", StringComparison.Ordinal)))
        {
            yield return Case(Surface.PopulationPreview, CategoryOf(name), name, () => Post(context, path, Utf8(yaml), "application/yaml"), Expectation.Refused(400));
        }

        yield return Case(Surface.PopulationPreview, HostileCategory.Injection, "a catastrophic regex over the whole population",
            () => Post(context, path, Utf8(RuleSetTexts.Valid("'Replace([JobTitle], , \"^([A-Za-z ]+)+\\\\d$\", , \"x\", , )'")), "application/yaml"),
            Expectation.Refused(422));
    }

    static HostileCase Case(Surface surface, HostileCategory category, string name, Func<HttpRequestMessage> request, Expectation expect) =>
        new() { Category = category, Surface = surface, Name = name, Request = request, Expect = expect };
}
