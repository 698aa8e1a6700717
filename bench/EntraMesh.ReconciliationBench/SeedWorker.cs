namespace EntraMesh.ReconciliationBench;

/// <summary>One seeded worker: its overall row and its lanes.</summary>
public sealed record SeedWorker(
    string SourceId, string WorkerId, long Revision, Guid RecordId, DateTimeOffset AcceptedAt, DateTimeOffset UpdatedAt, string TraceId,
    string State, string ChangeKind, IReadOnlyList<SeedLane> Lanes)
{
    static readonly string[] Sources = ["workday", "sap", "csv-import"];

    /// <summary>The lane that decides the overall state (failures first, as the service computes it).</summary>
    public SeedLane Deciding => Lanes.OrderBy(lane => SeedLane.Precedence(lane.State)).First();

    public static SeedWorker Create(int index, Random random, DateTimeOffset now)
    {
        var acceptedAt = now.AddSeconds(-random.Next(30 * 24 * 3600));
        var moves = index % 10 == 0;
        var lanes = moves
            ? new[] { SeedLane.Create("onprem", "Leaver", acceptedAt, random, now), SeedLane.Create("cloud", "Joiner", acceptedAt, random, now) }
            : [SeedLane.Create(index % 3 == 0 ? "onprem" : "cloud", random.Next(4) == 0 ? "Joiner" : "Update", acceptedAt, random, now)];
        var deciding = lanes.OrderBy(lane => SeedLane.Precedence(lane.State)).First();
        var updatedAt = lanes.Max(lane => lane.StateAt);
        return new SeedWorker(
            Sources[index % Sources.Length], Seeder.WorkerId(index), 1 + random.Next(5), Guid.NewGuid(), acceptedAt, updatedAt,
            Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), deciding.State, moves ? "Mover" : lanes[0].Kind, lanes);
    }
}
