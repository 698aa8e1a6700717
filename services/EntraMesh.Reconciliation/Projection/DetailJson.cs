using System.Buffers;
using System.Text;
using System.Text.Json;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>A timeline entry's detail as a JSON object, leaving out null values; null when nothing is left.</summary>
public static class DetailJson
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? Of(IReadOnlyDictionary<string, object?> detail)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var written = 0;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in detail)
            {
                if (value is null) continue;
                writer.WritePropertyName(name);
                JsonSerializer.Serialize(writer, value, value.GetType(), Json);
                written++;
            }

            writer.WriteEndObject();
        }

        return written == 0 ? null : Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
