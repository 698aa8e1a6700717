namespace EntraMesh.Testing.Chaos.Observation;

/// <summary>A target seen at an earlier stage of the same revision at <paramref name="To"/> than at <paramref name="From"/>.</summary>
public sealed record LaneRestart(string Worker, string Target, long Revision, DateTimeOffset From, DateTimeOffset To, string Text);
