namespace EntraMesh.Bench.Scenarios;

/// <summary>Every scenario by its command-line name, in the order.</summary>
public static class ScenarioCatalog
{
    public static IEnumerable<IScenario> Select(IEnumerable<string> names)
    {
        var all = new IScenario[] { new ThroughputScenario(), new LatencyScenario(), new EconomyScenario(), new LeaverScenario(), new CsvScenario() };
        return names.Select(name => all.Single(s => s.Name == name)).OrderBy(s => Array.IndexOf(all, s));
    }
}
