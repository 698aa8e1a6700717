using System.Text.Json.Nodes;

namespace EntraMesh.Bench.Baseline;

/// <summary>
/// A CSV row mapped as Microsoft's CSV2SCIM sample maps it (SampleData/AttributeMapping.psd1): core and enterprise
/// attributes, <c>active</c> from WorkerStatus (PowerShell's <c>-eq</c>, case-insensitive). Empty columns are left out.
/// </summary>
public static class Csv2ScimMapping
{
    const string Core = "urn:ietf:params:scim:schemas:core:2.0:User";
    const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static JsonObject Map(IReadOnlyDictionary<string, string> row)
    {
        string? Value(string column) => row.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(Core, Enterprise),
            ["externalId"] = Value("WorkerID"),
            ["name"] = new JsonObject { ["familyName"] = Value("LastName"), ["givenName"] = Value("FirstName") },
            ["active"] = string.Equals(Value("WorkerStatus"), "Active", StringComparison.OrdinalIgnoreCase),
            ["userName"] = Value("UserID"),
            ["displayName"] = Value("FullName"),
            ["nickName"] = Value("UserID"),
            ["userType"] = Value("WorkerType"),
            ["title"] = Value("JobTitle"),
            ["addresses"] = new JsonArray(new JsonObject
            {
                ["type"] = "work",
                ["streetAddress"] = Value("StreetAddress"),
                ["locality"] = Value("City"),
                ["postalCode"] = Value("ZipCode"),
                ["country"] = Value("CountryCode"),
            }),
            ["phoneNumbers"] = new JsonArray(new JsonObject { ["type"] = "work", ["value"] = Value("OfficePhone") }),
        };
        var enterprise = new JsonObject
        {
            ["employeeNumber"] = Value("WorkerID"),
            ["costCenter"] = Value("CostCenter"),
            ["organization"] = Value("Company"),
            ["division"] = Value("Division"),
            ["department"] = Value("Department"),
        };
        if (Value("ManagerID") is { } manager) enterprise["manager"] = new JsonObject { ["value"] = manager };
        user[Enterprise] = enterprise;
        return WithoutNulls(user);
    }

    static JsonObject WithoutNulls(JsonObject node)
    {
        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList()) node.Remove(key);
        foreach (var child in node.Select(p => p.Value).ToList())
        {
            if (child is JsonObject inner) WithoutNulls(inner);
            else if (child is JsonArray array) foreach (var item in array.OfType<JsonObject>()) WithoutNulls(item);
        }

        return node;
    }
}
