using System.Text.Json;
using EntraMesh.Ingest.Records;

namespace EntraMesh.Ingest.Webhooks;

/// <summary>
/// The shape both JSON webhook formats share: a JSON object whose named array holds one object per record. Reads the
/// body, checks the shape, and hands each object to the format's reader, which gives a record or names what is wrong.
/// </summary>
public static class JsonRecordArray
{
    /// <summary>A format's reading of one array item: the record, or the problem (naming <c>array[index].field</c>).</summary>
    public delegate SourceRecord? ItemReader(JsonElement item, int index, out string? problem);

    public static WebhookParseResult Parse(ReadOnlyMemory<byte> body, string arrayName, string shape, ItemReader read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            return WebhookParseResult.Fail($"The body is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(arrayName, out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                return WebhookParseResult.Fail(shape);
            }

            var records = new List<SourceRecord>(items.GetArrayLength());
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) return WebhookParseResult.Fail($"{arrayName}[{index}] must be an object.");
                if (read(item, index, out var problem) is not { } record) return WebhookParseResult.Fail(problem ?? $"{arrayName}[{index}] is not a record.");
                records.Add(record);
                index++;
            }

            return WebhookParseResult.Ok(records);
        }
    }

    /// <summary>For an <see cref="ItemReader"/>: no record, because of <paramref name="reason"/>.</summary>
    public static SourceRecord? Refuse(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }
}
