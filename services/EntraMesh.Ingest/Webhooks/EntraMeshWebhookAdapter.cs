using System.Globalization;
using System.Text;
using System.Text.Json;
using EntraMesh.Ingest.Records;

namespace EntraMesh.Ingest.Webhooks;

/// <summary>
/// EntraMesh's own webhook format. Header <c>X-EntraMesh-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c> where the hex is
/// HMAC-SHA256 over <c>"{t}.{body}"</c> with one of the source's secrets (several <c>v1</c> values may be sent).
/// Body: <c>{"records":[{"eventId":"...","deleted":false,"attributes":{"WorkerID":"1513",...}}]}</c>.
/// </summary>
public sealed class EntraMeshWebhookAdapter : IWebhookAdapter
{
    public const string SignatureHeader = "X-EntraMesh-Signature";

    public string Format => "EntraMesh";

    public SignatureCheck Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        var header = headers[SignatureHeader].ToString();
        if (string.IsNullOrWhiteSpace(header)) return SignatureCheck.Fail($"The {SignatureHeader} header is missing.");

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = part.IndexOf('=');
            if (separator <= 0) return SignatureCheck.Fail($"The {SignatureHeader} header is malformed: expected t=<unix seconds>,v1=<hex>.");
            var (key, value) = (part[..separator], part[(separator + 1)..]);
            if (key == "t") timestamp = value;
            else if (key == "v1") signatures.Add(value);
        }

        if (timestamp is null || signatures.Count == 0 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SignatureCheck.Fail($"The {SignatureHeader} header is malformed: expected t=<unix seconds>,v1=<hex>.");

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((now - signedAt).Duration() > tolerance)
            return SignatureCheck.Fail($"The signature timestamp is outside the accepted window of {tolerance.TotalMinutes:0.#} minutes (expired or clock skew).");

        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        foreach (var secret in secrets)
        {
            var expected = Hmac.Compute(secret, prefix, body, []);
            if (signatures.Any(signature => Hmac.HexEquals(signature, expected))) return SignatureCheck.Ok;
        }

        return SignatureCheck.Fail("The signature does not match any of the source's secrets.");
    }

    public WebhookParseResult Parse(ReadOnlyMemory<byte> body) =>
        JsonRecordArray.Parse(body, "records", "The body must be a JSON object with a 'records' array.", ReadRecord);

    static SourceRecord? ReadRecord(JsonElement record, int index, out string? problem)
    {
        if (!record.TryGetProperty("eventId", out var eventId) || eventId.ValueKind != JsonValueKind.String)
            return JsonRecordArray.Refuse($"records[{index}].eventId is required: a string the source never reuses for another event.", out problem);
        if (!JsonText.TryRead(eventId, out var eventText))
            return JsonRecordArray.Refuse($"records[{index}].eventId is not valid Unicode text.", out problem);
        if (string.IsNullOrWhiteSpace(eventText))
            return JsonRecordArray.Refuse($"records[{index}].eventId is required: a string the source never reuses for another event.", out problem);
        if (!record.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object)
            return JsonRecordArray.Refuse($"records[{index}].attributes is required: an object of field name to string or null.", out problem);
        var deleted = false;
        if (record.TryGetProperty("deleted", out var deletedElement))
        {
            if (deletedElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return JsonRecordArray.Refuse($"records[{index}].deleted must be true or false.", out problem);
            deleted = deletedElement.GetBoolean();
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var position = 0;
        foreach (var attribute in attributes.EnumerateObject())
        {
            if (!JsonText.TryReadName(attribute, out var name))
                return JsonRecordArray.Refuse($"records[{index}].attributes: the name of attribute {position + 1} is not valid Unicode text.", out problem);
            if (attribute.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                return JsonRecordArray.Refuse($"records[{index}].attributes.{name} must be a string, number, boolean or null.", out problem);
            if (!JsonText.TryRead(attribute.Value, out var value))
                return JsonRecordArray.Refuse($"records[{index}].attributes.{name} is not valid Unicode text.", out problem);
            fields[name] = value;
            position++;
        }

        problem = null;
        return new SourceRecord(eventText!.Trim(), fields, deleted, index);
    }
}
