using System.Text;
using EntraMesh.Launcher.Sample;

namespace EntraMesh.EndToEnd.Tests;

/// <summary>Worker rows in Microsoft's CSV2SCIM format, for imports and webhooks.</summary>
internal static class Workers
{
    public static Dictionary<string, string?> Employee(string id, string location = "Europe", string status = "Active", string? userId = null) =>
        Row(id, "Employee", location, status, userId);

    public static Dictionary<string, string?> Contractor(string id, string status = "Active", string? userId = null) =>
        Row(id, "Contractor", "Europe", status, userId);

    public static MemoryStream Csv(params IReadOnlyDictionary<string, string?>[] rows)
    {
        var columns = Population.Header.Split(',');
        var text = new StringBuilder(Population.Header).Append('\n');
        foreach (var row in rows) text.AppendJoin(',', columns.Select(column => row.GetValueOrDefault(column) ?? "")).Append('\n');
        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static Dictionary<string, string?> With(this IReadOnlyDictionary<string, string?> row, params (string Key, string? Value)[] changes)
    {
        var copy = new Dictionary<string, string?>(row);
        foreach (var (key, value) in changes) copy[key] = value;
        return copy;
    }

    static Dictionary<string, string?> Row(string id, string type, string location, string status, string? userId) => new()
    {
        ["WorkerID"] = id, ["WorkerStatus"] = status, ["WorkerType"] = type, ["UserID"] = userId ?? "EMP" + id,
        ["FirstName"] = "Test", ["LastName"] = "Worker" + id, ["FullName"] = "Test Worker" + id, ["GenderPronoun"] = "THEY/THEM",
        ["ManagerID"] = "", ["HireDate"] = "2015-03-01", ["OnLeave"] = "False", ["Department"] = "Sales", ["Division"] = "Electronics",
        ["CostCenter"] = "CC3035", ["Company"] = "Woodgrove", ["Location"] = location, ["JobTitle"] = "Sales Executive",
        ["StreetAddress"] = "1 Woodgrove Way", ["City"] = "Frankfurt", ["CountryCode"] = "DE", ["OfficePhone"] = "259-915-1098",
        ["Custom01"] = "", ["Custom02"] = "", ["ZipCode"] = "60311",
    };
}
