using System.Text;
using static EntraMesh.HostileInput.Tests.Corpus.Records;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>EntraMesh JSON webhooks (<c>POST /webhooks/hr-webhook</c>) whose bytes are not UTF-8 JSON, or whose text is not valid Unicode.</summary>
public static class EntraMeshEncodingCases
{
    const string Source = "hr-webhook";

    static HostileCase Case(HostileCategory category, string name, Func<HttpRequestMessage> request, Expectation expect) =>
        new() { Category = category, Surface = Surface.EntraMeshWebhook, Name = name, Request = request, Expect = expect };

    static byte[] OneRecord(CorpusContext context) => Webhook("hostile-" + Guid.NewGuid(), Contractor(context.NewWorkerId()));

    public static IEnumerable<HostileCase> All(CorpusContext context)
    {
        string Prefix() => $"{{\"records\":[{{\"eventId\":\"enc-{Guid.NewGuid()}\",\"attributes\":{{\"WorkerID\":\"{context.NewWorkerId()}\",";
        (string Name, Func<byte[]> Body, Expectation Expect)[] bodies =
        [
            ("invalid UTF-8 in a value", () => Concat(Prefix(), "\"FirstName\":\"", new byte[] { 0xC3, 0x28 }, "\"}}]}"), Expectation.Refused(400)),
            ("invalid UTF-8 in an attribute name", () => Concat(Prefix(), "\"", new byte[] { 0xFF, 0xFE }, "\":\"v\"}}]}"), Expectation.Refused(400)),
            ("invalid UTF-8 in the event id", () => Concat("{\"records\":[{\"eventId\":\"", new byte[] { 0xED, 0xA0, 0x80 }, $"\",\"attributes\":{{\"WorkerID\":\"{context.NewWorkerId()}\"}}}}]}}"), Expectation.Refused(400)),
            ("overlong encoding of a slash", () => Concat(Prefix(), "\"FirstName\":\"..", new byte[] { 0xC0, 0xAF }, "etc\"}}]}"), Expectation.Refused(400)),
            ("5-byte sequence", () => Concat(Prefix(), "\"FirstName\":\"", new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, "\"}}]}"), Expectation.Refused(400)),
            ("truncated multi-byte sequence at the end", () => Concat(Prefix(), "\"FirstName\":\"x\"}}]}", new byte[] { 0xE2, 0x82 }), Expectation.Refused(400)),
            ("lone high surrogate escape in a value", () => Utf8(Prefix() + "\"FirstName\":\"\\uD800\"}}]}"), Expectation.Refused(400)),
            ("lone low surrogate escape in a name", () => Utf8(Prefix() + "\"\\uDC00\":\"v\"}}]}"), Expectation.Refused(400)),
            ("lone surrogate escape in the event id", () => Utf8($"{{\"records\":[{{\"eventId\":\"\\uD83D\",\"attributes\":{{\"WorkerID\":\"{context.NewWorkerId()}\"}}}}]}}"), Expectation.Refused(400)),
            ("reversed surrogate pair escape", () => Utf8(Prefix() + "\"FirstName\":\"\\uDE00\\uD83D\"}}]}"), Expectation.Refused(400)),
            ("raw NUL byte in a string", () => Concat(Prefix(), "\"FirstName\":\"a", new byte[] { 0 }, "b\"}}]}"), Expectation.Refused(400)),
            ("NUL escape in a value", () => Utf8(Prefix() + "\"FirstName\":\"a\\u0000b\"}}]}"), Expectation.Accepted(202, WebhookAnswer.OneRejected("NUL"))),
            ("NUL escape in an attribute name", () => Utf8(Prefix() + "\"First\\u0000Name\":\"a\"}}]}"), Expectation.Accepted(202, WebhookAnswer.OneRejected("NUL"))),
            ("NUL escape in the worker id", () => Utf8($"{{\"records\":[{{\"eventId\":\"enc-{Guid.NewGuid()}\",\"attributes\":{{\"WorkerID\":\"12\\u00003\"}}}}]}}"), Expectation.Accepted(202, WebhookAnswer.OneRejected("NUL"))),
            ("NUL escape in the event id", () => Utf8($"{{\"records\":[{{\"eventId\":\"enc\\u0000{Guid.NewGuid()}\",\"attributes\":{{\"WorkerID\":\"{context.NewWorkerId()}\"}}}}]}}"), Expectation.Accepted(202, WebhookAnswer.OneRejected("NUL"))),
            ("UTF-16LE with BOM", () => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Prefix() + "\"FirstName\":\"A\"}}]}")], Expectation.Refused(400)),
            ("UTF-16BE without BOM", () => Encoding.BigEndianUnicode.GetBytes(Prefix() + "\"FirstName\":\"A\"}}]}"), Expectation.Refused(400)),
            ("UTF-32LE", () => Encoding.UTF32.GetBytes(Prefix() + "\"FirstName\":\"A\"}}]}"), Expectation.Refused(400)),
            ("Latin-1 bytes", () => Encoding.Latin1.GetBytes(Prefix() + "\"FirstName\":\"Jos\u00e9\"}}]}"), Expectation.Refused(400)),
            ("UTF-8 BOM", () => [0xEF, 0xBB, 0xBF, .. Utf8(Prefix() + "\"FirstName\":\"A\"}}]}")], Expectation.AcceptedOrRefused(202, WebhookAnswer.OneAccepted, 400)),
            ("two UTF-8 BOMs", () => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Utf8(Prefix() + "\"FirstName\":\"A\"}}]}")], Expectation.Refused(400)),
            ("CESU-8 encoded emoji", () => Concat(Prefix(), "\"FirstName\":\"", new byte[] { 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80 }, "\"}}]}"), Expectation.Refused(400)),
        ];
        foreach (var (name, body, expect) in bodies)
        {
            yield return Case(HostileCategory.WronglyEncoded, name, () => context.SignedWebhook(Source, body()), expect);
        }

        foreach (var charset in new[] { "utf-16", "iso-8859-1", "utf-7", "ebcdic-cp-us", "\"utf-8\"", "x-nonsense" })
        {
            // The bytes are UTF-8 JSON whatever the label says: JSON on the wire is UTF-8 (RFC 8259), so the label does not matter.
            yield return Case(HostileCategory.WronglyEncoded, $"charset={charset} on a UTF-8 body",
                () => context.SignedWebhook(Source, OneRecord(context), "application/json; charset=" + charset),
                Expectation.Accepted(202, WebhookAnswer.OneAccepted));
        }

        yield return Case(HostileCategory.WronglyEncoded, "UTF-7 text declared as UTF-7",
            () => context.SignedWebhook(Source, Webhook("x-" + Guid.NewGuid(), Contractor(context.NewWorkerId(), "+ADw-script+AD4-")), "application/json; charset=utf-7"),
            Expectation.Accepted(202, WebhookAnswer.OneAccepted));
    }
}
