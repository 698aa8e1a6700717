using System.Globalization;
using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Scim;

namespace EntraMesh.DispatchBench;

/// <summary>The backlog: one planned joiner per synthetic worker, shaped like the CSV2SCIM sample's users.</summary>
public static class Workload
{
    public static IEnumerable<IdentityChangePlanned> Joiners(int count) => Enumerable.Range(0, count).Select(Joiner);

    static IdentityChangePlanned Joiner(int index)
    {
        var id = (300_000 + index).ToString(CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.CoreUser, ScimSchemas.EnterpriseUser),
            ["externalId"] = id,
            ["userName"] = $"worker.{id}@contoso.onmicrosoft.com",
            ["name"] = new JsonObject { ["givenName"] = "Worker", ["familyName"] = id },
            ["displayName"] = $"Worker {id}",
            ["nickName"] = $"w{id}",
            ["userType"] = "Employee",
            ["title"] = "Analyst",
            ["active"] = true,
            ["addresses"] = new JsonArray(new JsonObject
            {
                ["type"] = "work", ["streetAddress"] = "1 Main Street", ["locality"] = "Dallas", ["postalCode"] = "75201", ["country"] = "US",
            }),
            [ScimSchemas.EnterpriseUser] = new JsonObject
            {
                ["employeeNumber"] = id, ["costCenter"] = "CC-" + (index % 40), ["organization"] = "Contoso", ["division"] = "Operations",
                ["department"] = "Department " + (index % 25),
            },
        };
        return new IdentityChangePlanned
        {
            ChangeId = Guid.NewGuid(),
            RecordId = Guid.NewGuid(),
            SourceId = "bench",
            WorkerId = id,
            Revision = 1,
            Target = "cloud",
            ChangeKind = ChangeKind.Joiner,
            Priority = ChangePriority.Joiner,
            Data = data,
            ChangedAttributes = [],
            PlannedAt = DateTimeOffset.UtcNow,
        };
    }
}
