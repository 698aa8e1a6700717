using System.Diagnostics.Metrics;
using EntraMesh.Mapping.Planning;

namespace EntraMesh.Mapping;

/// <summary>
/// Meter <c>EntraMesh.Mapping</c>: changes planned (by target and kind), skipped (by reason) and held (by reason), held
/// changes released or superseded, and rule-set reloads (applied or rejected).
/// </summary>
public sealed class MappingMetrics
{
    public const string MeterName = "EntraMesh.Mapping";

    readonly Counter<long> planned;
    readonly Counter<long> skipped;
    readonly Counter<long> held;
    readonly Counter<long> released;
    readonly Counter<long> superseded;
    readonly Counter<long> reloads;

    public MappingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        planned = meter.CreateCounter<long>("entramesh.mapping.changes_planned", "{change}", "Changes planned and published for dispatch.");
        skipped = meter.CreateCounter<long>("entramesh.mapping.changes_skipped", "{record}", "Records for which nothing was sent, by reason.");
        held = meter.CreateCounter<long>("entramesh.mapping.changes_held", "{change}", "Changes held until a future date, by reason.");
        released = meter.CreateCounter<long>("entramesh.mapping.holds_released", "{change}", "Held changes planned when they came due.");
        superseded = meter.CreateCounter<long>("entramesh.mapping.holds_superseded", "{change}", "Held changes replaced by a newer record of the worker.");
        reloads = meter.CreateCounter<long>("entramesh.mapping.rule_set_reloads", "{reload}", "Changed rule-set files seen by the reloader: applied or rejected.");
    }

    internal void Record(PlanResult result)
    {
        foreach (var ((target, kind), count) in result.Planned)
        {
            planned.Add(count, new KeyValuePair<string, object?>("target", target), new KeyValuePair<string, object?>("change_kind", kind.ToString()));
        }

        foreach (var (reason, count) in result.Skipped) skipped.Add(count, new KeyValuePair<string, object?>("reason", reason.ToString()));
        foreach (var (reason, count) in result.Held) held.Add(count, new KeyValuePair<string, object?>("reason", reason.ToString()));
        if (result.HoldsReleased > 0) released.Add(result.HoldsReleased);
        if (result.HoldsSuperseded > 0) superseded.Add(result.HoldsSuperseded);
    }

    public void RuleSetReloaded(bool applied) => reloads.Add(1, new KeyValuePair<string, object?>("outcome", applied ? "applied" : "rejected"));
}
