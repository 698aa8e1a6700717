using System.Text;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Processing;
using EntraMesh.Scim;

namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>
/// The custom SCIM namespaces a job's schema knows besides core User and the enterprise extension: the configured ones
/// and, for an on-premises job, EntraMesh's extension carrying <c>parentDistinguishedName</c>. Names are case-insensitive.
/// </summary>
public sealed class JobSchema
{
    JobSchema(IReadOnlyList<SchemaNamespace> namespaces) => Namespaces = namespaces;

    public IReadOnlyList<SchemaNamespace> Namespaces { get; }

    public static JobSchema For(ProvisioningAppOptions app)
    {
        var namespaces = app.CustomSchemas
            .Select(schema => new SchemaNamespace(schema.Namespace.Trim(), schema.Attributes.Select(name => (name, TargetOf(app, schema, name)))))
            .ToList();
        if (app.Target == ProvisioningTarget.OnPremises
            && !namespaces.Any(ns => string.Equals(ns.Urn, ScimSchemas.EntraMeshExtension, StringComparison.OrdinalIgnoreCase)))
        {
            namespaces.Add(new SchemaNamespace(ScimSchemas.EntraMeshExtension,
                [(ScimSchemas.ParentDistinguishedName, (string?)TargetProperties.ParentDistinguishedName)]));
        }

        return new JobSchema(namespaces);
    }

    /// <summary>The configured mapping; on-premises, EntraMesh's parentDistinguishedName always names the OU.</summary>
    static string? TargetOf(ProvisioningAppOptions app, CustomSchemaOptions schema, string name)
    {
        if (app.Target == ProvisioningTarget.OnPremises
            && string.Equals(schema.Namespace.Trim(), ScimSchemas.EntraMeshExtension, StringComparison.OrdinalIgnoreCase)
            && string.Equals(name, ScimSchemas.ParentDistinguishedName, StringComparison.OrdinalIgnoreCase))
        {
            return TargetProperties.ParentDistinguishedName;
        }

        return schema.Mappings.GetValueOrDefault(name);
    }

    public SchemaNamespace? Find(ReadOnlySpan<byte> utf8Urn)
    {
        foreach (var candidate in Namespaces)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(candidate.Utf8Urn, utf8Urn)) return candidate;
        }

        return null;
    }
}

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

/// <summary>A custom attribute: its name, full path (<c>urn:…:Name</c>) and the target property it is mapped to, if any.</summary>
public sealed record SchemaAttribute(string Name, byte[] Utf8Name, string Path, string? Target);
