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
