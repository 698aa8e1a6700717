using System.Diagnostics;
using System.Text.Json;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.RulesBench;

/// <summary>Evaluates every record on the calling thread, as the planner does per message, and measures time and allocation.</summary>
internal static class RuleBenchmark
{
    public static RunResult Run(RuleSet ruleSet, IReadOnlyList<WorkerRecord> records, bool serialise)
    {
        var options = EvaluationOptions.Default;
        int selected = 0, errors = 0;
        long jsonBytes = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        foreach (var record in records)
        {
            var pending = ruleSet.EvaluateAsync(record, options);
            if (!pending.IsCompletedSuccessfully) throw new InvalidOperationException("The sample rule set should evaluate synchronously.");
            var target = pending.Result.Selected;
            if (target is null) continue;
            selected++;
            if (target.Error is not null) errors++;
            else if (serialise) jsonBytes += JsonSerializer.SerializeToUtf8Bytes(target.Data).Length;
        }

        stopwatch.Stop();
        return new RunResult(stopwatch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, records.Count, selected, errors, jsonBytes);
    }
}
