using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EntraMesh.Ingest.Records;

namespace EntraMesh.Ingest.Webhooks;

/// <summary>
/// BambooHR's field-based webhook (JSON data format), as BambooHR documents it: <c>X-BambooHR-Signature</c> is the
/// hex HMAC-SHA256 of the raw body followed by the <c>X-BambooHR-Timestamp</c> header value, keyed with the webhook's
/// private key; the body is <c>{"employees":[{"id","action","timestamp","changedFields","fields"}]}</c>. BambooHR
/// sends no event id, so a record's event id is a hash of its JSON: a redelivery of the same change is recognised.
/// The employee's BambooHR id is added to its fields as <c>id</c>; action <c>Deleted</c> marks the worker deleted.
/// </summary>
public sealed class BambooHrWebhookAdapter : IWebhookAdapter
{
    public const string SignatureHeader = "X-BambooHR-Signature";
    public const string TimestampHeader = "X-BambooHR-Timestamp";

    public string Format => "BambooHr";

    public SignatureCheck Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        var signature = headers[SignatureHeader].ToString().Trim();
        var timestamp = headers[TimestampHeader].ToString().Trim();
        if (signature.Length == 0) return SignatureCheck.Fail($"The {SignatureHeader} header is missing.");
        if (timestamp.Length == 0) return SignatureCheck.Fail($"The {TimestampHeader} header is missing.");
        if (!TryParseTimestamp(timestamp, out var signedAt))
            return SignatureCheck.Fail($"The {TimestampHeader} header is not a Unix time or ISO 8601 timestamp.");
        if ((now - signedAt).Duration() > tolerance)
            return SignatureCheck.Fail($"The {TimestampHeader} is outside the accepted window of {tolerance.TotalMinutes:0.#} minutes (expired or clock skew).");

        var suffix = Encoding.UTF8.GetBytes(timestamp);
        foreach (var secret in secrets)
        {
            if (Hmac.HexEquals(signature, Hmac.Compute(secret, [], body, suffix))) return SignatureCheck.Ok;
        }

        return SignatureCheck.Fail("The signature does not match the source's private key(s).");
    }

    static bool TryParseTimestamp(string value, out DateTimeOffset timestamp)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            timestamp = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
            return true;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
    }

    public WebhookParseResult Parse(ReadOnlyMemory<byte> body) =>
        JsonRecordArray.Parse(body, "employees", "The body must be a JSON object with an 'employees' array (BambooHR field-based webhook, JSON format).", ReadEmployee);

    static SourceRecord? ReadEmployee(JsonElement employee, int index, out string? problem)
    {
        if (!TryScalar(employee, "id", out var id) || !TryScalar(employee, "action", out var action))
            return JsonRecordArray.Refuse($"employees[{index}].id and .action must be valid Unicode text.", out problem);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (employee.TryGetProperty("fields", out var fieldsElement))
        {
            if (fieldsElement.ValueKind != JsonValueKind.Object)
                return JsonRecordArray.Refuse($"employees[{index}].fields must be an object.", out problem);
            var position = 0;
            foreach (var field in fieldsElement.EnumerateObject())
            {
                position++;
                if (!JsonText.TryReadName(field, out var name))
                    return JsonRecordArray.Refuse($"employees[{index}].fields: the name of field {position} is not valid Unicode text.", out problem);
                if (!TryScalar(field.Value, out var value))
                    return JsonRecordArray.Refuse($"employees[{index}].fields.{name} is not valid Unicode text.", out problem);
                fields[name] = value;
            }
        }

        if (id is not null) fields.TryAdd("id", id);
        var deleted = string.Equals(action, "Deleted", StringComparison.OrdinalIgnoreCase);
        // The employee's bytes as sent (the same bytes for the same change, so a redelivery gets the same event id).
        var eventId = "bamboohr-" + Convert.ToHexStringLower(SHA256.HashData(JsonMarshal.GetRawUtf8Value(employee)));
        problem = null;
        return new SourceRecord(eventId, fields, deleted, index);
    }

    static bool TryScalar(JsonElement employee, string property, out string? text)
    {
        text = null;
        return !employee.TryGetProperty(property, out var element) || TryScalar(element, out text);
    }

    /// <summary>
    /// A field value: a string, a number or boolean as text, or BambooHR's <c>{"value": ...}</c> wrapper; false when the
    /// text is not valid Unicode (an unpaired surrogate escape).
    /// </summary>
    static bool TryScalar(JsonElement element, out string? text)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            text = null;
            return !element.TryGetProperty("value", out var value) || TryScalar(value, out text);
        }

        return JsonText.TryRead(element, out text);
    }
}
