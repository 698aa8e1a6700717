using System.Text;
using System.Text.Json;
using EntraMesh.Scim;

namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>
/// Reads a SCIM BulkRequest with <see cref="Utf8JsonReader"/> in one pass and checks what bulkUpload checks: the bulk
/// schema, 1 to <c>maxOperations</c> operations, method POST, path /Users, bulkId, data.schemas (core User, enterprise and
/// every namespace used), externalId, and the JSON type of every attribute it knows. Names are case-insensitive.
/// Attributes the job's schema does not know are collected per user (processing fails that user naming them).
/// </summary>
public static class BulkRequestParser
{
    static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };
    static readonly byte[] CoreUserUrn = Encoding.UTF8.GetBytes(ScimSchemas.CoreUser);
    static readonly byte[] EnterpriseUrn = Encoding.UTF8.GetBytes(ScimSchemas.EnterpriseUser);

    public static List<BulkOperation> Parse(ReadOnlySpan<byte> json, JobSchema schema, int maxOperations)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty) throw new BulkRequestException("body", "is empty; a SCIM BulkRequest is required");
        var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        try
        {
            return ReadRoot(ref reader, schema, maxOperations);
        }
        catch (JsonException error)
        {
            throw new BulkRequestException("body", $"is not valid JSON ({error.Message})");
        }
        catch (InvalidOperationException error)
        {
            // Utf8JsonReader raises this for values it cannot read as asked (e.g. a string too long to unescape).
            throw new BulkRequestException("body", $"cannot be read ({error.Message})");
        }
    }

    static List<BulkOperation> ReadRoot(ref Utf8JsonReader reader, JobSchema schema, int maxOperations)
    {
        if (!reader.Read()) throw new BulkRequestException("body", "is empty; a SCIM BulkRequest is required");
        if (reader.TokenType != JsonTokenType.StartObject) throw new BulkRequestException("body", "must be a JSON object (a SCIM BulkRequest)");

        var schemas = default(List<string>);
        var operations = default(List<BulkOperation>);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (NameIs(ref reader, "schemas"u8))
            {
                reader.Read();
                schemas = ReadStrings(ref reader, "schemas");
            }
            else if (NameIs(ref reader, "operations"u8))
            {
                reader.Read();
                operations = ReadOperations(ref reader, schema, maxOperations);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.Read()) throw new BulkRequestException("body", "has content after the BulkRequest object");
        if (schemas is null || !schemas.Contains(ScimSchemas.BulkRequest, StringComparer.OrdinalIgnoreCase))
        {
            throw new BulkRequestException("schemas", $"is required and must contain \"{ScimSchemas.BulkRequest}\"");
        }

        if (operations is null) throw new BulkRequestException("Operations", "is required (an array of 1 to 50 operations)");
        if (operations.Count == 0) throw new BulkRequestException("Operations", "must contain at least one operation");
        return operations;
    }

    static List<BulkOperation> ReadOperations(ref Utf8JsonReader reader, JobSchema schema, int maxOperations)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new BulkRequestException("Operations", "must be an array of operations");
        var operations = new List<BulkOperation>(Math.Min(maxOperations > 0 ? maxOperations : 64, 64));
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (maxOperations > 0 && count >= maxOperations)
            {
                reader.Skip();
                count++;
                continue;
            }

            operations.Add(ReadOperation(ref reader, count, schema));
            count++;
        }

        if (maxOperations > 0 && count > maxOperations)
        {
            throw new BulkRequestException("Operations", $"holds {count} operations; at most {maxOperations} are allowed per request");
        }

        return operations;
    }

    static BulkOperation ReadOperation(ref Utf8JsonReader reader, int index, JobSchema schema)
    {
        var prefix = $"Operations[{index}]";
        if (reader.TokenType != JsonTokenType.StartObject) throw new BulkRequestException(prefix, "must be an object");

        string? method = null, path = null, bulkId = null;
        ScimUser? user = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (NameIs(ref reader, "method"u8)) method = ReadRequiredString(ref reader, prefix + ".method");
            else if (NameIs(ref reader, "path"u8)) path = ReadRequiredString(ref reader, prefix + ".path");
            else if (NameIs(ref reader, "bulkid"u8)) bulkId = ReadRequiredString(ref reader, prefix + ".bulkId");
            else if (NameIs(ref reader, "data"u8))
            {
                reader.Read();
                user = ScimUserReader.Read(ref reader, prefix + ".data", schema);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (method is null) throw new BulkRequestException(prefix + ".method", "is required and must be POST");
        if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            throw new BulkRequestException(prefix + ".method", $"must be POST; '{method}' is not supported by bulkUpload");
        }

        if (path is null) throw new BulkRequestException(prefix + ".path", "is required and must be /Users");
        if (!string.Equals(path, "/Users", StringComparison.OrdinalIgnoreCase))
        {
            throw new BulkRequestException(prefix + ".path", $"must be /Users; '{path}' is not supported by bulkUpload");
        }

        if (string.IsNullOrWhiteSpace(bulkId)) throw new BulkRequestException(prefix + ".bulkId", "is required (an identifier of the operation)");
        if (user is null) throw new BulkRequestException(prefix + ".data", "is required (the SCIM user)");
        return new BulkOperation(index, bulkId, user);
    }

    internal static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> lowerCaseName)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan.Length == lowerCaseName.Length && Ascii.EqualsIgnoreCase(reader.ValueSpan, lowerCaseName);
        return Ascii.EqualsIgnoreCase(Encoding.UTF8.GetBytes(reader.GetString()!), lowerCaseName);
    }

    /// <summary>The current property name as UTF-8 bytes (unescaped when needed).</summary>
    internal static ReadOnlySpan<byte> NameBytes(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;

    internal static bool IsUrn(ReadOnlySpan<byte> name) => name.Length > 4 && Ascii.EqualsIgnoreCase(name[..4], "urn:"u8);

    internal static bool IsCoreUser(ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(name, CoreUserUrn);

    internal static bool IsEnterprise(ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(name, EnterpriseUrn);

    static string ReadRequiredString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String) throw new BulkRequestException(field, "must be a string");
        return reader.GetString()!;
    }

    internal static List<string> ReadStrings(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new BulkRequestException(field, "must be an array of schema URNs");
        var values = new List<string>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new BulkRequestException(field, "must contain only strings");
            values.Add(reader.GetString()!);
        }

        return values;
    }
}
