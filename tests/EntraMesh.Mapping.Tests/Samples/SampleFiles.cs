using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Tests.Samples;

/// <summary>The files under samples/rules, copied beside the tests.</summary>
internal static class SampleFiles
{
    public static string RuleSetPath => Path.Combine(AppContext.BaseDirectory, "samples", "rules", "csv2scim.yaml");

    public static string CsvPath => Path.Combine(AppContext.BaseDirectory, "samples", "rules", "csv2scim-sample-2-records.csv");

    public static string RuleSetText => File.ReadAllText(RuleSetPath);

    public static RuleSet LoadRuleSet()
    {
        var load = RuleSetLoader.Load(RuleSetText, "csv2scim.yaml");
        Assert.True(load.Succeeded, string.Join(Environment.NewLine, load.Errors));
        return load.RuleSet!;
    }

    /// <summary>Microsoft's sample CSV as records of column name to value (it has no quoted fields).</summary>
    public static List<Dictionary<string, string?>> ReadCsv()
    {
        var lines = File.ReadAllLines(CsvPath).Where(line => line.Length > 0).ToList();
        var header = lines[0].Split(',');
        return lines.Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => header.Select((name, i) => (name, cells[i])).ToDictionary(c => c.name, c => (string?)c.Item2, StringComparer.Ordinal))
            .ToList();
    }
}
