using EntraMesh.Scim;

namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>The attributes of SCIM's core and enterprise User schemas that Entra's inbound provisioning accepts.</summary>
internal static class ScimAttributeCatalog
{
    static readonly string[] CoreSimple = ["externalId", "userName", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone"];
    static readonly string[] NameParts = ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"];
    static readonly string[] ContactParts = ["value", "display", "type", "primary"];
    static readonly string[] AddressParts = ["formatted", "streetAddress", "locality", "region", "postalCode", "country", "type", "primary"];
    static readonly string[] EnterpriseSimple = ["employeeNumber", "costCenter", "organization", "division", "department"];
    static readonly string[] ManagerParts = ["value", "displayName"];

    static readonly Dictionary<string, string[]> CoreMultiValued = new(StringComparer.OrdinalIgnoreCase)
    {
        ["emails"] = ContactParts,
        ["phoneNumbers"] = ContactParts,
        ["ims"] = ContactParts,
        ["photos"] = ContactParts,
        ["addresses"] = AddressParts,
    };

    static readonly Dictionary<string, string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        ["active"] = "'active' is decided by the target's 'active' expression, not by a mapping",
        ["schemas"] = "'schemas' is written by EntraMesh from the namespaces the mappings use",
        ["id"] = "'id' belongs to Entra; map the source's identifier to externalId",
        ["password"] = "Entra's inbound provisioning does not take passwords",
    };

    /// <summary>Null when the path names a known attribute (<paramref name="path"/> then holds its canonical form).</summary>
    public static string? Resolve(string text, string? schema, string name, string? filter, string? sub, out ScimPath? path)
    {
        path = null;
        if (schema is null) return ResolveCore(text, name, filter, sub, out path);
        if (schema.Equals(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase)) return ResolveEnterprise(text, name, filter, sub, out path);
        if (schema.Equals(ScimSchemas.EntraMeshExtension, StringComparison.OrdinalIgnoreCase))
        {
            return $"'{text}': the OU is decided by the target's 'parentDistinguishedName' expression";
        }

        if (filter is not null || sub is not null) return $"'{text}': attributes of a custom namespace are simple values";
        path = ScimPath.Create(schema, name, null, null);
        return null;
    }

    static string? ResolveCore(string text, string name, string? filter, string? sub, out ScimPath? path)
    {
        path = null;
        if (Reserved.TryGetValue(name, out var reason)) return reason;

        var simple = Find(CoreSimple, name);
        if (simple is not null)
        {
            if (filter is not null || sub is not null) return $"'{text}': {simple} is a simple attribute";
            path = ScimPath.Create(null, simple, null, null);
            return null;
        }

        if (name.Equals("name", StringComparison.OrdinalIgnoreCase))
        {
            var part = sub is null ? null : Find(NameParts, sub);
            if (filter is not null || part is null) return $"'{text}': write name.<part>, the parts being {string.Join(", ", NameParts)}";
            path = ScimPath.Create(null, "name", null, part);
            return null;
        }

        var multi = CoreMultiValued.Keys.FirstOrDefault(key => key.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (multi is not null)
        {
            var parts = CoreMultiValued[multi];
            var part = sub is null ? null : Find(parts, sub);
            if (filter is null || part is null)
            {
                return $"'{text}': {multi} is multi-valued: write {multi}[type eq \"work\"].<part>, the parts being {string.Join(", ", parts)}";
            }

            path = ScimPath.Create(null, multi, filter, part);
            return null;
        }

        return $"'{text}' is not an attribute of the SCIM core User schema that Entra accepts; custom attributes go into a namespace " +
            "such as urn:ietf:params:scim:schemas:extension:contoso:1.0:User:<name>";
    }

    static string? ResolveEnterprise(string text, string name, string? filter, string? sub, out ScimPath? path)
    {
        path = null;
        if (filter is not null) return $"'{text}': the enterprise extension has no multi-valued attributes";
        var simple = Find(EnterpriseSimple, name);
        if (simple is not null && sub is null)
        {
            path = ScimPath.Create(ScimSchemas.EnterpriseUser, simple, null, null);
            return null;
        }

        if (name.Equals("manager", StringComparison.OrdinalIgnoreCase))
        {
            // Entra's mapping screen calls it "manager"; it travels as manager.value, the manager's externalId.
            var part = sub is null ? "value" : Find(ManagerParts, sub);
            if (part is null) return $"'{text}': the manager's parts are {string.Join(", ", ManagerParts)}";
            path = ScimPath.Create(ScimSchemas.EnterpriseUser, "manager", null, part);
            return null;
        }

        return $"'{text}' is not an attribute of the enterprise extension; it has {string.Join(", ", EnterpriseSimple)} and manager";
    }

    static string? Find(IEnumerable<string> names, string name) =>
        names.FirstOrDefault(known => known.Equals(name, StringComparison.OrdinalIgnoreCase));
}
