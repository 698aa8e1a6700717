using System.Text.Json;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Scim;

namespace EntraMesh.Dispatch.Sending;

/// <summary>
/// The bulkUpload body: SCIM BulkRequest, one <c>POST /Users</c> operation per change with the change id as
/// <c>bulkId</c> and the planned SCIM user as <c>data</c>.
/// </summary>
public static class BulkRequestWriter
{
    public static byte[] Write(IReadOnlyList<ClaimedOperation> operations)
    {
        using var buffer = new MemoryStream(1024 + operations.Sum(o => o.Data.Length + 96));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("schemas");
            writer.WriteStringValue(ScimSchemas.BulkRequest);
            writer.WriteEndArray();
            writer.WriteStartArray("Operations");
            foreach (var operation in operations)
            {
                writer.WriteStartObject();
                writer.WriteString("method", "POST");
                writer.WriteString("bulkId", operation.BulkId);
                writer.WriteString("path", "/Users");
                writer.WritePropertyName("data");
                writer.WriteRawValue(operation.Data, skipInputValidation: false);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNull("failOnErrors");
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
