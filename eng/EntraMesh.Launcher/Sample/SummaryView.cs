using System.Text.Json.Nodes;

namespace EntraMesh.Launcher.Sample;

/// <summary>Reads reconciliation's summary (<c>workers.byState</c>, <c>targets[].counts.byState</c>).</summary>
public static class SummaryView
{
    static readonly string[] InFlightStates = ["Accepted", "Planned", "Queued", "Submitted"];

    /// <summary>Worker counts by overall state, non-zero only.</summary>
    public static SortedDictionary<string, long> CountsByState(JsonNode? summary) => NonZero(summary?["workers"]?["byState"]);

    public static bool InFlight(IReadOnlyDictionary<string, long> counts) =>
        InFlightStates.Any(state => counts.TryGetValue(state, out var n) && n > 0);

    /// <summary>One line per target: its name and its non-zero counts by state.</summary>
    public static IEnumerable<string> ByTarget(JsonNode? summary) =>
        (summary?["targets"]?.AsArray() ?? []).Select(target =>
            $"{(string?)target?["target"],-18} " + string.Join("  ", NonZero(target?["counts"]?["byState"]).Select(s => $"{s.Key} {s.Value}")));

    static SortedDictionary<string, long> NonZero(JsonNode? byState)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (byState is not JsonObject states) return counts;
        foreach (var (state, value) in states)
        {
            if (value is JsonValue number && number.TryGetValue<long>(out var n) && n > 0) counts[state] = n;
        }

        return counts;
    }
}
