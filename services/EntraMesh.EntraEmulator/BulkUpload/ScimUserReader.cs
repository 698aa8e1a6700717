using System.Text;
using System.Text.Json;
using EntraMesh.Scim;
using static EntraMesh.EntraEmulator.BulkUpload.BulkRequestParser;

namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>Reads the <c>data</c> object of one operation into a <see cref="ScimUser"/>.</summary>
internal static class ScimUserReader
{
    public static ScimUser Read(ref Utf8JsonReader reader, string prefix, JobSchema schema)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new BulkRequestException(prefix, "must be an object (the SCIM user)");

        var user = new ScimUser();
        List<string>? schemas = null;
        List<string>? namespacesUsed = null;
        var hasExternalId = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameBytes(ref reader);
            if (NameIs(ref reader, "schemas"u8))
            {
                reader.Read();
                schemas = ReadStrings(ref reader, prefix + ".schemas");
                continue;
            }

            if (TryCoreString(name, out var corePath))
            {
                var value = ReadNullableString(ref reader, prefix, corePath);
                if (ReferenceEquals(corePath, ScimPaths.ExternalId))
                {
                    if (string.IsNullOrWhiteSpace(value)) throw new BulkRequestException($"{prefix}.{corePath}", "is required and must be a non-empty string");
                    user.ExternalId = value;
                    hasExternalId = true;
                }
                else if (ReferenceEquals(corePath, ScimPaths.DisplayName))
                {
                    user.DisplayName = value;
                }

                user.Values.Add(new ScimValue(corePath, value));
                continue;
            }

            if (NameIs(ref reader, "active"u8))
            {
                reader.Read();
                user.Active = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    JsonTokenType.Null => null,
                    _ => throw new BulkRequestException(prefix + ".active", "must be true or false"),
                };
                if (user.Active is { } active) user.Values.Add(new ScimValue(ScimPaths.Active, active ? "True" : "False"));
                continue;
            }

            if (NameIs(ref reader, "name"u8)) ReadName(ref reader, prefix, user);
            else if (NameIs(ref reader, "emails"u8)) MultiValuedReader.Read(ref reader, prefix, user, MultiValuedKind.Emails);
            else if (NameIs(ref reader, "phonenumbers"u8)) MultiValuedReader.Read(ref reader, prefix, user, MultiValuedKind.PhoneNumbers);
            else if (NameIs(ref reader, "addresses"u8)) MultiValuedReader.Read(ref reader, prefix, user, MultiValuedKind.Addresses);
            else if (IsAny(name, ScimPaths.IgnoredMultiValued)) ReadIgnoredArray(ref reader, $"{prefix}.{Encoding.UTF8.GetString(name)}");
            else if (IsAny(name, ScimPaths.Ignored))
            {
                reader.Read();
                reader.Skip();
            }
            else if (IsUrn(name))
            {
                var enterprise = IsEnterprise(name);
                var known = enterprise || IsCoreUser(name) ? null : schema.Find(name);
                var urn = enterprise ? ScimSchemas.EnterpriseUser : known?.Urn ?? Encoding.UTF8.GetString(name);
                (namespacesUsed ??= []).Add(urn);
                ReadExtension(ref reader, prefix, urn, enterprise, known, user);
            }
            else
            {
                user.AddUnknown(Encoding.UTF8.GetString(name));
                reader.Read();
                reader.Skip();
            }
        }

        CheckSchemas(prefix, schemas, namespacesUsed);
        if (!hasExternalId) throw new BulkRequestException(prefix + ".externalId", "is required (the source's unique id of the worker)");
        return user;
    }

    static void CheckSchemas(string prefix, List<string>? schemas, List<string>? namespacesUsed)
    {
        if (schemas is null) throw new BulkRequestException(prefix + ".schemas", $"is required and must list \"{ScimSchemas.CoreUser}\" and \"{ScimSchemas.EnterpriseUser}\"");
        if (!schemas.Contains(ScimSchemas.CoreUser, StringComparer.OrdinalIgnoreCase))
        {
            throw new BulkRequestException(prefix + ".schemas", $"must list \"{ScimSchemas.CoreUser}\"");
        }

        if (!schemas.Contains(ScimSchemas.EnterpriseUser, StringComparer.OrdinalIgnoreCase))
        {
            throw new BulkRequestException(prefix + ".schemas", $"must list \"{ScimSchemas.EnterpriseUser}\"");
        }

        foreach (var urn in namespacesUsed ?? [])
        {
            if (!schemas.Contains(urn, StringComparer.OrdinalIgnoreCase))
            {
                throw new BulkRequestException(prefix + ".schemas", $"must list \"{urn}\", which the user's attributes use");
            }
        }
    }

    static void ReadExtension(ref Utf8JsonReader reader, string prefix, string urn, bool enterprise, SchemaNamespace? known, ScimUser user)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject) throw new BulkRequestException($"{prefix}.{urn}", "must be an object of the namespace's attributes");

        if (enterprise)
        {
            ReadEnterprise(ref reader, prefix, user);
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameBytes(ref reader);
            var attribute = known?.Find(name);
            if (attribute is null)
            {
                user.AddUnknown($"{urn}:{Encoding.UTF8.GetString(name)}");
                reader.Read();
                reader.Skip();
                continue;
            }

            var value = ReadNullableString(ref reader, prefix, attribute.Path);
            user.Values.Add(new ScimValue(attribute.Path, value, attribute));
        }
    }

    static void ReadEnterprise(ref Utf8JsonReader reader, string prefix, ScimUser user)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameBytes(ref reader);
            if (TryFind(name, ScimPaths.EnterpriseStrings, out var path))
            {
                user.Values.Add(new ScimValue(path, ReadNullableString(ref reader, prefix, path)));
            }
            else if (NameIs(ref reader, "manager"u8))
            {
                ReadManager(ref reader, prefix, user);
            }
            else
            {
                user.AddUnknown($"{ScimSchemas.EnterpriseUser}:{Encoding.UTF8.GetString(name)}");
                reader.Read();
                reader.Skip();
            }
        }
    }

    static void ReadManager(ref Utf8JsonReader reader, string prefix, ScimUser user)
    {
        reader.Read();
        user.HasManager = true;
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new BulkRequestException($"{prefix}.{ScimPaths.Manager}", "must be an object with \"value\" (the manager's externalId)");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (NameIs(ref reader, "value"u8)) user.ManagerExternalId = ReadNullableString(ref reader, prefix, ScimPaths.Manager + ".value");
            else if (NameIs(ref reader, "displayname"u8) || NameIs(ref reader, "$ref"u8)) ReadNullableString(ref reader, prefix, ScimPaths.Manager + ".displayName");
            else
            {
                user.AddUnknown($"{ScimSchemas.EnterpriseUser}:manager.{Encoding.UTF8.GetString(NameBytes(ref reader))}");
                reader.Read();
                reader.Skip();
            }
        }

        user.Values.Add(new ScimValue(ScimPaths.Manager, user.ManagerExternalId));
    }

    static void ReadName(ref Utf8JsonReader reader, string prefix, ScimUser user)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject) throw new BulkRequestException(prefix + ".name", "must be an object (givenName, familyName, ...)");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameBytes(ref reader);
            if (TryFind(name, ScimPaths.NameParts, out var path))
            {
                user.Values.Add(new ScimValue(path, ReadNullableString(ref reader, prefix, path)));
            }
            else
            {
                user.AddUnknown($"name.{Encoding.UTF8.GetString(name)}");
                reader.Read();
                reader.Skip();
            }
        }
    }

    static void ReadIgnoredArray(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.Null)) throw new BulkRequestException(field, "must be an array");
        reader.Skip();
    }

    /// <summary>Reads a string or null; the field name (<c>prefix.name</c>) is only built for the error.</summary>
    internal static string? ReadNullableString(ref Utf8JsonReader reader, string prefix, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new BulkRequestException($"{prefix}.{name}", "must be a string"),
        };
    }

    internal static string? ReadNullableString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new BulkRequestException(field, "must be a string"),
        };
    }

    static bool TryCoreString(ReadOnlySpan<byte> name, out string path) => TryFind(name, ScimPaths.CoreStrings, out path);

    internal static bool TryFind(ReadOnlySpan<byte> name, (byte[] Utf8, string Path)[] table, out string path)
    {
        foreach (var (utf8, candidate) in table)
        {
            if (utf8.Length == name.Length && Ascii.EqualsIgnoreCase(utf8, name))
            {
                path = candidate;
                return true;
            }
        }

        path = "";
        return false;
    }

    static bool IsAny(ReadOnlySpan<byte> name, byte[][] names)
    {
        foreach (var candidate in names)
        {
            if (candidate.Length == name.Length && Ascii.EqualsIgnoreCase(candidate, name)) return true;
        }

        return false;
    }
}
