using System.Globalization;
using EntraMesh.Contracts;

namespace EntraMesh.PlanningBench;

/// <summary>
/// Worker records in the CSV2SCIM sample's columns, from a fixed seed. First appearances are 80% employees (on-premises
/// target) and 20% contractors or interns (cloud), 90% active. Second revisions are, in equal shares, a changed phone number
/// (update), a changed department (mover), the same record again (no change, skipped) and a flipped status (leaver, or
/// joiner for a worker first seen inactive): every record makes exactly one planned or skipped event.
/// </summary>
internal static class RecordGenerator
{
    static readonly string[] FirstNames = ["Talya", "Ginnie", "Zoë", "Jéssica", "Björn", "Ana", "Łukasz", "Mei", "Omar", "Priya"];
    static readonly string[] LastNames = ["Fleeta", "Fadiman", "Ruiz", "Smith", "Østergård", "Nakamura", "Okafor", "Müller"];
    static readonly string[] Types = ["Employee", "Employee", "Employee", "Employee", "Contractor"];
    static readonly string[] Locations = ["Europe", "Asia Pacific", "North America", "Antarctica"];
    static readonly string[] Departments = ["Sales", "Product Engineering", "Finance", "Support"];

    public static List<WorkerRecordAccepted> FirstAppearances(string prefix, int count, int seed)
    {
        var random = new Random(seed);
        var records = new List<WorkerRecordAccepted>(count);
        for (var i = 0; i < count; i++)
        {
            var id = prefix + i.ToString("D6", CultureInfo.InvariantCulture);
            var first = Pick(random, FirstNames);
            var last = Pick(random, LastNames);
            var attributes = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["WorkerID"] = id,
                ["WorkerStatus"] = random.Next(10) == 0 ? "Inactive" : "Active",
                ["WorkerType"] = Pick(random, Types),
                ["UserID"] = "EMP" + id,
                ["FirstName"] = first,
                ["LastName"] = last,
                ["FullName"] = first + " " + last,
                ["ManagerID"] = prefix + random.Next(count).ToString("D6", CultureInfo.InvariantCulture),
                ["HireDate"] = new DateOnly(2010, 1, 1).AddDays(random.Next(5_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Department"] = Pick(random, Departments),
                ["Division"] = "Electronics",
                ["CostCenter"] = "CC" + random.Next(3000, 3100).ToString(CultureInfo.InvariantCulture),
                ["Company"] = "Woodgrove",
                ["Location"] = Pick(random, Locations),
                ["JobTitle"] = "Sales Executive",
                ["StreetAddress"] = random.Next(1, 999).ToString(CultureInfo.InvariantCulture) + " Mansion Ct",
                ["City"] = "Chicago",
                ["CountryCode"] = "UK",
                ["OfficePhone"] = "259-915-" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
                ["ZipCode"] = random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture),
            };
            records.Add(Record(id, 1, attributes, DateOnly.Parse(attributes["HireDate"]!, CultureInfo.InvariantCulture)));
        }

        return records;
    }

    public static List<WorkerRecordAccepted> SecondRevisions(IReadOnlyList<WorkerRecordAccepted> firsts) =>
        firsts.Select((first, i) =>
        {
            var attributes = new Dictionary<string, string?>(first.Attributes, StringComparer.Ordinal);
            switch (i % 4)
            {
                case 0:
                    attributes["OfficePhone"] = "555-01" + (i % 100).ToString("D2", CultureInfo.InvariantCulture);
                    break;
                case 1:
                    attributes["Department"] = attributes["Department"] == "Finance" ? "Sales" : "Finance";
                    break;
                case 3:
                    attributes["WorkerStatus"] = attributes["WorkerStatus"] == "Active" ? "Inactive" : "Active";
                    break;
            }

            return Record(first.WorkerId, 2, attributes, first.HireDate);
        }).ToList();

    static WorkerRecordAccepted Record(string workerId, long revision, Dictionary<string, string?> attributes, DateOnly? hireDate) => new()
    {
        RecordId = Guid.CreateVersion7(),
        SourceId = "hr-csv",
        WorkerId = workerId,
        Revision = revision,
        ReceivedAt = DateTimeOffset.UtcNow,
        HireDate = hireDate,
        Attributes = attributes,
        Terminated = false,
        Channel = "csv",
    };

    static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
