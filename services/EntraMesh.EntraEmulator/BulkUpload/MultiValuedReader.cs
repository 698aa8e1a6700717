using System.Text;
using System.Text.Json;
using static EntraMesh.EntraEmulator.BulkUpload.BulkRequestParser;

namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>
/// Reads <c>emails</c>, <c>phoneNumbers</c> and <c>addresses</c>. Like Entra's default mappings
/// (<c>emails[type eq "work"].value</c>, ...), only the first entry of the mapped types is kept.
/// </summary>
internal static class MultiValuedReader
{
    static readonly string[] AddressNames = ["streetAddress", "locality", "region", "postalCode", "country", "formatted"];

    /// <summary>Reads the array; field names for errors (<c>prefix.emails[1]</c>) are built only when needed.</summary>
    public static void Read(ref Utf8JsonReader reader, string prefix, ScimUser user, MultiValuedKind kind)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartArray) throw new BulkRequestException($"{prefix}.{AttributeName(kind)}", "must be an array of objects");

        var seen = 0; // bit per mapped type already taken
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new BulkRequestException(Field(prefix, kind, index), "must be an object");
            ReadEntry(ref reader, prefix, index, user, kind, ref seen);
            index++;
        }
    }

    static string Field(string prefix, MultiValuedKind kind, int index) => $"{prefix}.{AttributeName(kind)}[{index}]";

    static void ReadEntry(ref Utf8JsonReader reader, string prefix, int index, ScimUser user, MultiValuedKind kind, ref int seen)
    {
        string? type = null, value = null;
        string?[]? address = kind == MultiValuedKind.Addresses ? new string?[ScimPaths.AddressParts.Length] : null;
        var present = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameBytes(ref reader);
            if (NameIs(ref reader, "type"u8)) type = Text(ref reader, prefix, kind, index, "type");
            else if (NameIs(ref reader, "primary"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                {
                    throw new BulkRequestException(Field(prefix, kind, index) + ".primary", "must be true or false");
                }
            }
            else if (NameIs(ref reader, "display"u8)) Text(ref reader, prefix, kind, index, "display");
            else if (kind != MultiValuedKind.Addresses && NameIs(ref reader, "value"u8)) value = Text(ref reader, prefix, kind, index, "value");
            else if (address is not null && FindAddressPart(name) is var part and >= 0)
            {
                address[part] = Text(ref reader, prefix, kind, index, AddressNames[part]);
                present |= 1 << part;
            }
            else
            {
                user.AddUnknown($"{AttributeName(kind)}.{Encoding.UTF8.GetString(name)}");
                reader.Read();
                reader.Skip();
            }
        }

        var slot = Slot(kind, type);
        if (slot < 0 || (seen & (1 << slot)) != 0) return;
        seen |= 1 << slot;
        switch (kind)
        {
            case MultiValuedKind.Emails:
                user.Values.Add(new ScimValue(ScimPaths.WorkEmail, value));
                break;
            case MultiValuedKind.PhoneNumbers:
                user.Values.Add(new ScimValue(slot switch { 0 => ScimPaths.WorkPhone, 1 => ScimPaths.MobilePhone, _ => ScimPaths.FaxPhone }, value));
                break;
            default:
                for (var part = 0; part < address!.Length; part++)
                {
                    var path = ScimPaths.AddressParts[part].Path;
                    if ((present & (1 << part)) != 0 && path.Length > 0) user.Values.Add(new ScimValue(path, address[part]));
                }

                break;
        }
    }

    static string? Text(ref Utf8JsonReader reader, string prefix, MultiValuedKind kind, int index, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new BulkRequestException($"{Field(prefix, kind, index)}.{name}", "must be a string"),
        };
    }

    static int FindAddressPart(ReadOnlySpan<byte> name)
    {
        for (var part = 0; part < ScimPaths.AddressParts.Length; part++)
        {
            var candidate = ScimPaths.AddressParts[part].Utf8;
            if (candidate.Length == name.Length && Ascii.EqualsIgnoreCase(candidate, name)) return part;
        }

        return -1;
    }

    /// <summary>Which mapped type an entry is: work (0), mobile (1), fax (2); -1 when not mapped.</summary>
    static int Slot(MultiValuedKind kind, string? type)
    {
        if (string.Equals(type, "work", StringComparison.OrdinalIgnoreCase)) return 0;
        if (kind != MultiValuedKind.PhoneNumbers) return -1;
        if (string.Equals(type, "mobile", StringComparison.OrdinalIgnoreCase)) return 1;
        return string.Equals(type, "fax", StringComparison.OrdinalIgnoreCase) ? 2 : -1;
    }

    static string AttributeName(MultiValuedKind kind) => kind switch
    {
        MultiValuedKind.Emails => "emails",
        MultiValuedKind.PhoneNumbers => "phoneNumbers",
        _ => "addresses",
    };
}
