using System.Globalization;

namespace EntraMesh.RulesBench;

/// <summary>Worker records shaped like Microsoft's CSV2SCIM sample CSV, generated from a fixed seed.</summary>
internal static class RecordGenerator
{
    static readonly string[] FirstNames = ["Talya", "Ginnie", "Zoë", "Jéssica", "Björn", "Ana", "Łukasz", "Mei", "Omar", "Priya"];
    static readonly string[] LastNames = ["Fleeta", "Fadiman", "Ruiz", "Smith", "Østergård", "Nakamura", "Okafor", "Müller"];
    static readonly string[] Types = ["Employee", "Employee", "Employee", "Contractor", "Intern"];
    static readonly string[] Statuses = ["Active", "Active", "Active", "Inactive"];
    static readonly string[] Locations = ["Europe", "Asia Pacific", "North America", "Antarctica"];
    static readonly string[] Departments = ["Sales", "Product Engineering", "Finance", "Support"];

    public static List<Dictionary<string, string?>> Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var records = new List<Dictionary<string, string?>>(count);
        for (var i = 0; i < count; i++)
        {
            var id = (100_000 + i).ToString(CultureInfo.InvariantCulture);
            var first = Pick(random, FirstNames);
            var last = Pick(random, LastNames);
            records.Add(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["WorkerID"] = id,
                ["WorkerStatus"] = Pick(random, Statuses),
                ["WorkerType"] = Pick(random, Types),
                ["UserID"] = "EMP" + id,
                ["FirstName"] = first,
                ["LastName"] = last,
                ["FullName"] = first + " " + last,
                ["GenderPronoun"] = "HE/HIM",
                ["ManagerID"] = (100_000 + random.Next(count)).ToString(CultureInfo.InvariantCulture),
                ["HireDate"] = new DateOnly(2010, 1, 1).AddDays(random.Next(5_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["OnLeave"] = random.Next(10) == 0 ? "True" : "False",
                ["Department"] = Pick(random, Departments),
                ["Division"] = "Electronics",
                ["CostCenter"] = "CC" + random.Next(3000, 3100).ToString(CultureInfo.InvariantCulture),
                ["Company"] = "Woodgrove",
                ["Location"] = Pick(random, Locations),
                ["JobTitle"] = "Sales Executive",
                ["StreetAddress"] = random.Next(1, 999).ToString(CultureInfo.InvariantCulture) + " Mansion Ct",
                ["City"] = "Chicago",
                ["CountryCode"] = "UK",
                ["OfficePhone"] = "259-915-1098",
                ["Custom01"] = "T1001",
                ["Custom02"] = "",
                ["ZipCode"] = random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture),
            });
        }

        return records;
    }

    static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
