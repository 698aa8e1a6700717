using System.Globalization;

namespace EntraMesh.Bench.Measures;

/// <summary>Cores used on average during a phase, by process group; <see cref="BusyCores"/> is the whole machine.</summary>
public sealed record CpuProfile(double BusyCores, int Cores, IReadOnlyDictionary<string, double> ByGroup)
{
    /// <summary>"1.96/2 cores busy: postgres (this mesh) 0.52, reconciliation 0.31, …" (groups above 0.02 cores).</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{BusyCores:0.00}/{Cores} cores busy: ") +
        string.Join(", ", ByGroup.Where(g => g.Value >= 0.02).OrderByDescending(g => g.Value)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Value:0.00}")));

    /// <summary>The mesh's own busiest process groups (not the rest of the machine), e.g. "mapping 0.61, postgres (this mesh) 0.44".</summary>
    public string Busiest(int count) =>
        string.Join(", ", ByGroup.Where(g => g.Key is not "others" and not "postgres (others)").OrderByDescending(g => g.Value).Take(count)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Value:0.00}")));

    /// <summary>How long the phase lasted, seconds (zero for an average of several runs).</summary>
    public double Seconds { get; init; }

    /// <summary>
    /// Cores the mesh itself used: its services, its PostgreSQL backends and RabbitMQ (the broker is shared with other
    /// engineers' tests, so this is an upper bound); not the benchmark, not the rest of the machine.
    /// </summary>
    public double MeshCores => ByGroup.Where(g => g.Key is not "others" and not "postgres (others)" and not "bench").Sum(g => g.Value);

    /// <summary>Cores that went to processes outside this mesh and benchmark (other engineers' builds and tests).</summary>
    public double Others => ByGroup.GetValueOrDefault("others") + ByGroup.GetValueOrDefault("postgres (others)");

    /// <summary>The profiles of several runs averaged.</summary>
    public static CpuProfile Average(IReadOnlyList<CpuProfile> profiles)
    {
        if (profiles.Count == 0) return new CpuProfile(0, Environment.ProcessorCount, new Dictionary<string, double>());
        var groups = profiles.SelectMany(p => p.ByGroup.Keys).Distinct()
            .ToDictionary(g => g, g => profiles.Average(p => p.ByGroup.GetValueOrDefault(g)));
        return new CpuProfile(profiles.Average(p => p.BusyCores), profiles[0].Cores, groups);
    }
}
