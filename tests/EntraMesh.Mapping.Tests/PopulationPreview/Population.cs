using System.Globalization;
using System.Text.Json;
using EntraMesh.Mapping.Tests.Support;
using Npgsql;

namespace EntraMesh.Mapping.Tests.PopulationPreview;

/// <summary>
/// A generated population stored the way mapping stores accepted records (<c>worker_record</c>), with the planned identity
/// of every inactive worker (a disabled account) in <c>planned_identity</c>: worker i is a contractor when i % 5 == 0,
/// otherwise an employee; located in Europe, Asia Pacific, North America or Remote by i % 4; inactive when i % 10 == 9.
/// </summary>
internal static class Population
{
    public static readonly string[] Locations = ["Europe", "Asia Pacific", "North America", "Remote"];

    public sealed record Member(string WorkerId, bool Contractor, string Location, bool Active)
    {
        public string RunningTarget => Contractor ? "woodgrove-cloud" : "woodgrove-ad";
    }

    public static List<Member> Generate(int count, string prefix) => Enumerable.Range(0, count)
        .Select(i => new Member($"{prefix}{i:D6}", i % 5 == 0, Locations[i % 4], i % 10 != 9))
        .ToList();

    public static async Task StoreAsync(PlanningFixture mapping, IReadOnlyList<Member> members)
    {
        await using var connection = await mapping.OpenConnectionAsync("mapping");
        await using (var records = new NpgsqlCommand(
            """
            INSERT INTO worker_record (source_id, worker_id, revision, record_id, received_at, terminated, channel, attributes)
            SELECT 'hr', w, 1, gen_random_uuid(), now(), false, 'csv', a::jsonb FROM unnest(@workers, @attributes) AS u(w, a)
            """, connection))
        {
            records.Parameters.Add(new NpgsqlParameter<string[]>("workers", members.Select(m => m.WorkerId).ToArray()));
            records.Parameters.Add(new NpgsqlParameter<string[]>("attributes", members.Select(m => JsonSerializer.Serialize(Attributes(m))).ToArray()));
            await records.ExecuteNonQueryAsync();
        }

        var inactive = members.Where(m => !m.Active).ToList();
        await using var identities = new NpgsqlCommand(
            """
            INSERT INTO planned_identity (source_id, worker_id, target, data, active, revision, record_id, change_id, change_kind, planned_at, rule_set_version)
            SELECT 'hr', w, t, '{"active": false}'::jsonb, false, 1, gen_random_uuid(), gen_random_uuid(), 'Leaver', now(), '2025.06.1'
            FROM unnest(@workers, @targets) AS u(w, t)
            """, connection);
        identities.Parameters.Add(new NpgsqlParameter<string[]>("workers", inactive.Select(m => m.WorkerId).ToArray()));
        identities.Parameters.Add(new NpgsqlParameter<string[]>("targets", inactive.Select(m => m.RunningTarget).ToArray()));
        await identities.ExecuteNonQueryAsync();
    }

    static Dictionary<string, string?> Attributes(Member member)
    {
        var number = member.WorkerId[^6..];
        return new Dictionary<string, string?>
        {
            ["WorkerID"] = member.WorkerId,
            ["WorkerStatus"] = member.Active ? "Active" : "Inactive",
            ["WorkerType"] = member.Contractor ? "Contractor" : "Employee",
            ["UserID"] = "EMP" + number,
            ["FirstName"] = "Worker",
            ["LastName"] = number,
            ["FullName"] = "Worker " + number,
            ["ManagerID"] = "1000",
            ["Department"] = "Sales",
            ["Location"] = member.Location,
            ["JobTitle"] = "Sales Executive",
            ["OfficePhone"] = "259-915-" + (int.Parse(number, CultureInfo.InvariantCulture) % 10_000).ToString("D4", CultureInfo.InvariantCulture),
        };
    }
}
