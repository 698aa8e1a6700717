using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Scim;

namespace EntraMesh.EmulatorBench;

/// <summary>
/// Pre-built bulk requests of 50 full users each (Microsoft's example attributes, a manager in the same request, the
/// CSV2SCIM namespace), drawn from a pool of workers so the emulator sees creates first and updates later.
/// </summary>
public sealed class Workload(IReadOnlyList<byte[]> bodies)
{
    public IReadOnlyList<byte[]> Bodies { get; } = bodies;

    public double AverageBytes => Bodies.Average(body => body.Length);

    public static Workload Create(int workers, int count)
    {
        var random = new Random(42);
        var bodies = new List<byte[]>(count);
        for (var b = 0; b < count; b++)
        {
            var operations = new JsonArray();
            string? manager = null;
            for (var i = 0; i < 50; i++)
            {
                var id = (100_000 + random.Next(workers)).ToString(CultureInfo.InvariantCulture);
                operations.Add(new JsonObject { ["method"] = "POST", ["bulkId"] = Guid.NewGuid().ToString(), ["path"] = "/Users", ["data"] = User(id, manager, random) });
                manager = i % 10 == 0 ? id : manager;
            }

            var body = new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.BulkRequest), ["Operations"] = operations, ["failOnErrors"] = null };
            bodies.Add(Encoding.UTF8.GetBytes(body.ToJsonString()));
        }

        return new Workload(bodies);
    }

    static JsonObject User(string id, string? manager, Random random)
    {
        var enterprise = new JsonObject
        {
            ["employeeNumber"] = id, ["costCenter"] = $"CC{random.Next(1000, 9999)}", ["organization"] = "Woodgrove",
            ["division"] = "Electronics", ["department"] = $"Department {random.Next(20)}",
        };
        if (manager is not null) enterprise["manager"] = new JsonObject { ["value"] = manager };
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.CoreUser, ScimSchemas.EnterpriseUser, "urn:ietf:params:scim:schemas:extension:csv:1.0:User"),
            ["externalId"] = id,
            ["userName"] = $"worker{id}@contoso.com",
            ["name"] = new JsonObject { ["givenName"] = $"Given{id}", ["familyName"] = $"Family{random.Next(1000)}" },
            ["displayName"] = $"Given{id} Family",
            ["nickName"] = $"w{id}",
            ["emails"] = new JsonArray(new JsonObject { ["value"] = $"worker{id}@contoso.com", ["type"] = "work", ["primary"] = true }),
            ["addresses"] = new JsonArray(new JsonObject
            {
                ["type"] = "work", ["streetAddress"] = $"{random.Next(1, 999)} Main St", ["locality"] = "Chicago", ["postalCode"] = "85434", ["country"] = "US",
            }),
            ["phoneNumbers"] = new JsonArray(new JsonObject { ["value"] = "259-915-1098", ["type"] = "work" }),
            ["userType"] = "Employee",
            ["title"] = "Sales Executive",
            ["active"] = random.Next(20) != 0,
            [ScimSchemas.EnterpriseUser] = enterprise,
            ["urn:ietf:params:scim:schemas:extension:csv:1.0:User"] = new JsonObject { ["HireDate"] = "2013-01-01T00:00:00Z", ["JobCode"] = $"J{random.Next(100)}" },
        };
    }
}
