using System.Globalization;
using System.Text;

namespace EntraMesh.Launcher.Sample;

/// <summary>
/// A generated HR population in Microsoft's CSV2SCIM sample format. Deterministic for a seed. Employees go to the
/// on-premises target and contractors to the cloud target (samples/rules/csv2scim.yaml); every report's manager has the
/// same worker type, so Entra resolves managers within one target; managers are active and listed first.
/// </summary>
public sealed class Population
{
    public const string Header =
        "WorkerID,WorkerStatus,WorkerType,UserID,FirstName,LastName,FullName,GenderPronoun,ManagerID,HireDate,OnLeave,Department,Division,CostCenter,Company,Location,JobTitle,StreetAddress,City,CountryCode,OfficePhone,Custom01,Custom02,ZipCode";

    static readonly string[] Columns = Header.Split(',');
    static readonly string[] FirstNames = ["Ada", "Ben", "Chiara", "Dmitri", "Emeka", "Fatima", "Goran", "Hana", "Ines", "Jonas", "Kiri", "Lena", "Mateo", "Noor", "Olu", "Priya", "Quinn", "Rafael", "Sofia", "Tariq"];
    static readonly string[] LastNames = ["Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ivanova", "Jensen", "Kowalski", "López", "Müller", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Šimić", "Tanaka"];
    static readonly string[] Departments = ["Sales", "Product Engineering", "Finance", "Operations", "Marketing", "Support"];
    static readonly (string Location, string City, string Country)[] Places =
        [("Europe", "Frankfurt", "DE"), ("Asia Pacific", "Singapore", "SG"), ("North America", "Chicago", "US"), ("Remote", "Lisbon", "PT")];

    readonly List<Dictionary<string, string>> rows = [];

    public Population(int size, int seed = 2026, int firstId = 100001)
    {
        var random = new Random(seed);
        var managers = new Dictionary<string, List<string>> { ["Employee"] = [], ["Contractor"] = [] };
        for (var i = 0; i < size; i++)
        {
            var id = (firstId + i).ToString(CultureInfo.InvariantCulture);
            var type = random.NextDouble() < 0.7 ? "Employee" : "Contractor";
            var isManager = managers[type].Count < Math.Max(1, size / 50);
            var place = Places[random.Next(Places.Length)];
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var department = Departments[random.Next(Departments.Length)];
            rows.Add(new Dictionary<string, string>
            {
                ["WorkerID"] = id,
                ["WorkerStatus"] = isManager || random.NextDouble() < 0.95 ? "Active" : "Inactive",
                ["WorkerType"] = type,
                ["UserID"] = "EMP" + id,
                ["FirstName"] = first,
                ["LastName"] = last,
                ["FullName"] = $"{first} {last}",
                ["GenderPronoun"] = "THEY/THEM",
                ["ManagerID"] = isManager ? "" : managers[type][random.Next(managers[type].Count)],
                ["HireDate"] = new DateOnly(2010, 1, 1).AddDays(random.Next(5000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["OnLeave"] = "False",
                ["Department"] = department,
                ["Division"] = department == "Sales" ? "Electronics" : "Food",
                ["CostCenter"] = "CC" + random.Next(3000, 3100).ToString(CultureInfo.InvariantCulture),
                ["Company"] = "Woodgrove",
                ["Location"] = place.Location,
                ["JobTitle"] = isManager ? $"{department} Manager" : $"{department} Specialist",
                ["StreetAddress"] = $"{random.Next(1, 999)} Woodgrove Way",
                ["City"] = place.City,
                ["CountryCode"] = place.Country,
                ["OfficePhone"] = $"259-915-{random.Next(1000, 9999)}",
                ["Custom01"] = "",
                ["Custom02"] = "",
                ["ZipCode"] = random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture),
            });
            if (isManager) managers[type].Add(id);
        }
    }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows => rows;

    /// <summary>The first row matching <paramref name="predicate"/> that is nobody's manager.</summary>
    public IReadOnlyDictionary<string, string> Pick(Func<IReadOnlyDictionary<string, string>, bool> predicate) =>
        rows.First(row => predicate(row) && rows.All(other => other["ManagerID"] != row["WorkerID"]));

    public byte[] ToCsv(Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>>? change = null)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var row in rows)
        {
            var values = change?.Invoke(row) ?? row;
            text.AppendJoin(',', Columns.Select(column => Quote(values[column]))).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
