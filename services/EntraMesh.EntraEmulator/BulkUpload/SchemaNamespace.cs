using System.Text;

namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>A custom namespace and its attributes.</summary>
public sealed class SchemaNamespace
{
    public SchemaNamespace(string urn, IEnumerable<(string Name, string? Target)> attributes)
    {
        Urn = urn;
        Utf8Urn = Encoding.UTF8.GetBytes(urn);
        Attributes = attributes.Select(attribute => new SchemaAttribute(
            attribute.Name, Encoding.UTF8.GetBytes(attribute.Name), $"{urn}:{attribute.Name}", attribute.Target)).ToArray();
    }

    public string Urn { get; }

    public byte[] Utf8Urn { get; }

    public IReadOnlyList<SchemaAttribute> Attributes { get; }

    public SchemaAttribute? Find(ReadOnlySpan<byte> utf8Name)
    {
        foreach (var attribute in Attributes)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(attribute.Utf8Name, utf8Name)) return attribute;
        }

        return null;
    }
}
