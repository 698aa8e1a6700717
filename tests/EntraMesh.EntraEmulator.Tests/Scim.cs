using System.Text.Json.Nodes;
using EntraMesh.Scim;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>Builds SCIM bulk requests for tests.</summary>
internal static class Scim
{
    public static string Bulk(params JsonObject[] users)
    {
        var operations = new JsonArray();
        foreach (var user in users)
        {
            operations.Add(new JsonObject
            {
                ["method"] = "POST",
                ["bulkId"] = Guid.NewGuid().ToString(),
                ["path"] = "/Users",
                ["data"] = user.DeepClone(),
            });
        }

        return new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.BulkRequest), ["Operations"] = operations, ["failOnErrors"] = null }.ToJsonString();
    }

    /// <summary>A user with core and enterprise attributes; extra namespaces are added to <c>schemas</c> by <see cref="With"/>.</summary>
    public static JsonObject User(string externalId, string? userName = null, string? displayName = null, bool? active = true, string? manager = null,
        string? department = null)
    {
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.CoreUser, ScimSchemas.EnterpriseUser),
            ["externalId"] = externalId,
        };
        if (userName is not null) user["userName"] = userName;
        if (displayName is not null) user["displayName"] = displayName;
        if (active is { } flag) user["active"] = flag;
        var enterprise = new JsonObject();
        if (department is not null) enterprise["department"] = department;
        if (manager is not null) enterprise["manager"] = new JsonObject { ["value"] = manager };
        if (enterprise.Count > 0) user[ScimSchemas.EnterpriseUser] = enterprise;
        return user;
    }

    /// <summary>A typical new worker: userName from the id, a display name, a department.</summary>
    public static JsonObject Worker(string externalId, string? manager = null, string domain = "contoso.com") =>
        User(externalId, $"w{externalId}@{domain}", $"Worker {externalId}", true, manager, "Sales");

    /// <summary>Adds a namespace object (and lists it in <c>schemas</c>).</summary>
    public static JsonObject With(this JsonObject user, string urn, JsonObject attributes)
    {
        user["schemas"]!.AsArray().Add(urn);
        user[urn] = attributes;
        return user;
    }

    public static string NewId() => Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
