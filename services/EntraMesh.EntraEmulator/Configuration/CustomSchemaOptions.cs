namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>A custom SCIM namespace added to a job's schema, with its (string) attributes.</summary>
public sealed class CustomSchemaOptions
{
    /// <summary>e.g. <c>urn:ietf:params:scim:schemas:extension:csv:1.0:User</c> or <c>urn:contoso:employee</c>.</summary>
    public string Namespace { get; set; } = "";

    public List<string> Attributes { get; set; } = [];

    /// <summary>Attribute name -> target property it is mapped to (e.g. <c>HireDate</c> -> <c>employeeHireDate</c>); unmapped attributes are kept as extension values.</summary>
    public Dictionary<string, string> Mappings { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
