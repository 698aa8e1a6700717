using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EntraMesh.Launcher.Sample;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>Worker records in Microsoft's CSV2SCIM format (contractors: the sample rules send them to the cloud target).</summary>
public static class Records
{
    /// <summary>Raw UTF-8 on the wire (not \u escapes), as most HR systems write JSON.</summary>
    static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Dictionary<string, string?> Contractor(string id, string first = "Hostile", string last = "Input", string? full = null) => new()
    {
        ["WorkerID"] = id, ["WorkerStatus"] = "Active", ["WorkerType"] = "Contractor", ["UserID"] = "EMP" + id,
        ["FirstName"] = first, ["LastName"] = last, ["FullName"] = full ?? $"{first} {last}", ["GenderPronoun"] = "THEY/THEM",
        ["ManagerID"] = null, ["HireDate"] = "2015-03-01", ["OnLeave"] = "False", ["Department"] = "Sales", ["Division"] = "Electronics",
        ["CostCenter"] = "CC3035", ["Company"] = "Woodgrove", ["Location"] = "Europe", ["JobTitle"] = "Sales Executive",
        ["StreetAddress"] = "1 Woodgrove Way", ["City"] = "Frankfurt", ["CountryCode"] = "DE", ["OfficePhone"] = "259-915-1098",
        ["Custom01"] = null, ["Custom02"] = null, ["ZipCode"] = "60311",
    };

    /// <summary>What the directory must show for a contractor row (cloud target, Graph property names).</summary>
    public static StoredWorker Stored(IReadOnlyDictionary<string, string?> row) => new(row["WorkerID"]!, new Dictionary<string, string>
    {
        ["displayName"] = row["FullName"]!,
        ["givenName"] = row["FirstName"]!,
        ["surname"] = row["LastName"]!,
        ["jobTitle"] = row["JobTitle"]!,
        ["department"] = row["Department"]!,
    });

    /// <summary>An EntraMesh JSON webhook body with one record per row.</summary>
    public static byte[] Webhook(params (string EventId, IReadOnlyDictionary<string, string?> Row)[] records) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["records"] = new JsonArray(records.Select(r => (JsonNode)new JsonObject
            {
                ["eventId"] = r.EventId,
                ["attributes"] = new JsonObject(r.Row.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
            }).ToArray()),
        }, Raw);

    public static byte[] Webhook(string eventId, IReadOnlyDictionary<string, string?> row) => Webhook((eventId, row));

    /// <summary>A CSV file with the sample header and these rows (fields quoted as RFC 4180 requires).</summary>
    public static byte[] Csv(params IReadOnlyDictionary<string, string?>[] rows)
    {
        var columns = Population.Header.Split(',');
        var text = new StringBuilder(Population.Header).Append("\r\n");
        foreach (var row in rows) text.AppendJoin(',', columns.Select(c => Quote(row.GetValueOrDefault(c) ?? ""))).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static Dictionary<string, string?> With(this IReadOnlyDictionary<string, string?> row, params (string Key, string? Value)[] changes)
    {
        var copy = new Dictionary<string, string?>(row);
        foreach (var (key, value) in changes) copy[key] = value;
        return copy;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Concat(params object[] parts) =>
        parts.SelectMany(part => part is string text ? Encoding.UTF8.GetBytes(text) : (byte[])part).ToArray();
}
