using System.Text.RegularExpressions;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>
/// A SCIM attribute a mapping writes, named as Entra's API-driven provisioning apps name them:
/// <c>userName</c>, <c>name.givenName</c>, <c>emails[type eq "work"].value</c>,
/// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value</c> or a custom namespace's
/// <c>urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode</c>. SCIM names are case-insensitive: any
/// casing is accepted and the canonical one is written.
/// </summary>
public sealed partial class ScimPath
{
    ScimPath(string? schema, string attribute, string? filterValue, string? subAttribute)
    {
        Schema = schema;
        Attribute = attribute;
        FilterValue = filterValue;
        SubAttribute = subAttribute;
        var prefix = schema is null ? "" : schema + ":";
        var filter = filterValue is null ? "" : $"[type eq \"{filterValue}\"]";
        var sub = subAttribute is null ? "" : "." + subAttribute;
        Text = prefix + attribute + filter + sub;
    }

    /// <summary>The canonical spelling.</summary>
    public string Text { get; }

    /// <summary>The schema URN of an extension attribute; null for the core User schema.</summary>
    public string? Schema { get; }

    public string Attribute { get; }

    /// <summary>The <c>type</c> that picks one element of a multi-valued attribute (<c>work</c>).</summary>
    public string? FilterValue { get; }

    public string? SubAttribute { get; }

    /// <summary>Sub-attributes named <c>primary</c> are booleans in SCIM.</summary>
    public bool IsBoolean => string.Equals(SubAttribute, "primary", StringComparison.Ordinal);

    public bool IsExternalId => Schema is null && Attribute == "externalId";

    [GeneratedRegex("""^(?<name>[A-Za-z][A-Za-z0-9_-]*)(\[\s*(?<filterAttribute>[A-Za-z]+)\s+(?<op>[A-Za-z]+)\s+"(?<filterValue>[^"]*)"\s*\])?(\.(?<sub>[A-Za-z][A-Za-z0-9_-]*))?$""")]
    private static partial Regex AttributePattern();

    /// <summary>Parses and checks a path against the core and enterprise User schemas; custom namespaces take any simple name.</summary>
    public static (ScimPath? Path, string? Error) Parse(string text)
    {
        text = text.Trim();
        string? schema = null;
        var attributePart = text;
        if (text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            var bracket = text.IndexOf('[');
            var colon = text.LastIndexOf(':', bracket < 0 ? text.Length - 1 : bracket);
            schema = text[..colon];
            attributePart = text[(colon + 1)..];
            if (schema.Equals(ScimSchemas.CoreUser, StringComparison.OrdinalIgnoreCase)) schema = null;
        }

        var match = AttributePattern().Match(attributePart);
        if (!match.Success)
        {
            return (null, $"'{text}' is not a SCIM attribute path (examples: userName, name.givenName, emails[type eq \"work\"].value, " +
                $"{ScimSchemas.EnterpriseUser}:department)");
        }

        if (match.Groups["filterAttribute"].Success
            && (!match.Groups["filterAttribute"].Value.Equals("type", StringComparison.OrdinalIgnoreCase)
                || !match.Groups["op"].Value.Equals("eq", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, $"'{text}': only [type eq \"...\"] picks an element of a multi-valued attribute");
        }

        var name = match.Groups["name"].Value;
        var filter = match.Groups["filterValue"].Success ? match.Groups["filterValue"].Value : null;
        var sub = match.Groups["sub"].Success ? match.Groups["sub"].Value : null;
        return ScimAttributeCatalog.Resolve(text, schema, name, filter, sub, out var resolved)
            is { } error ? (null, error) : (resolved, null);
    }

    internal static ScimPath Create(string? schema, string attribute, string? filterValue, string? subAttribute) =>
        new(schema, attribute, filterValue, subAttribute);

    public override string ToString() => Text;

    public override bool Equals(object? obj) => obj is ScimPath other && string.Equals(Text, other.Text, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Text);
}
