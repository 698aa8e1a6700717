using System.Buffers.Text;
using System.Text.Json;

namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>
/// Where the previous page ended: the sort and the last row's sort key, opaque to clients (base64url JSON).
/// A cursor is only valid with the sort and scope it was issued for.
/// </summary>
public sealed record Cursor(string Sort, ListScope Scope, DateTimeOffset? UpdatedAt, string SourceId, string WorkerId, string? Target)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    public static Cursor? TryDecode(string value)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<Cursor>(Base64Url.DecodeFromChars(value), Json);
            return cursor is { SourceId: not null, WorkerId: not null, Sort: not null } ? cursor : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }
}
