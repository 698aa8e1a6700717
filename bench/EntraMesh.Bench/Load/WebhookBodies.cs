using System.Text.Json;
using EntraMesh.Launcher.Client;

namespace EntraMesh.Bench.Load;

/// <summary>EntraMesh JSON webhook bodies, serialised ahead of the measurement so the sender only signs and posts.</summary>
public static class WebhookBodies
{
    /// <summary>One body per batch of <paramref name="batchSize"/> changes, in order.</summary>
    public static List<byte[]> Batches(IEnumerable<WorkerChange> changes, int batchSize) =>
        changes.Chunk(batchSize).Select(Serialize).ToList();

    public static byte[] Serialize(IReadOnlyList<WorkerChange> changes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("records");
            foreach (var change in changes)
            {
                json.WriteStartObject();
                json.WriteString("eventId", change.EventId);
                json.WriteBoolean("deleted", change.Deleted);
                json.WriteStartObject("attributes");
                foreach (var (name, value) in change.Attributes)
                {
                    if (value is null) json.WriteNull(name);
                    else json.WriteString(name, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
