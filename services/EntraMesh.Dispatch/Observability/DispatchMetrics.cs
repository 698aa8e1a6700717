using System.Diagnostics.Metrics;
using EntraMesh.Contracts;
using EntraMesh.Dispatch.Configuration;

namespace EntraMesh.Dispatch.Observability;

/// <summary>Meter <c>EntraMesh.Dispatch</c>: what operators watch about the way to Entra.</summary>
public sealed class DispatchMetrics
{
    public const string MeterName = "EntraMesh.Dispatch";

    readonly Counter<long> calls;
    readonly Histogram<int> operationsPerCall;
    readonly Counter<long> throttled;
    readonly Histogram<double> planToSubmission;
    readonly Counter<long> queued;
    readonly Counter<long> ignored;
    readonly Counter<long> submitted;
    readonly Counter<long> rejected;
    readonly Counter<long> outcomes;
    readonly Counter<long> unmatched;

    public DispatchMetrics(IMeterFactory meterFactory, DispatchStatus status, TargetCatalog targets)
    {
        var meter = meterFactory.Create(MeterName);
        calls = meter.CreateCounter<long>("entramesh.dispatch.calls", "{call}", "bulkUpload calls made, by target and outcome.");
        operationsPerCall = meter.CreateHistogram<int>("entramesh.dispatch.operations_per_call", "{operation}", "Operations carried by each bulkUpload call.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 5, 10, 20, 30, 40, 49, 50] });
        throttled = meter.CreateCounter<long>("entramesh.dispatch.throttled", "{call}", "bulkUpload calls Entra answered with 429.");
        planToSubmission = meter.CreateHistogram<double>("entramesh.dispatch.plan_to_submission", "s", "Time from plan to Entra's 202 for each operation.");
        queued = meter.CreateCounter<long>("entramesh.dispatch.changes_queued", "{change}", "Planned changes stored in a pending line.");
        ignored = meter.CreateCounter<long>("entramesh.dispatch.changes_ignored", "{change}", "Planned changes older than the worker's newest revision.");
        submitted = meter.CreateCounter<long>("entramesh.dispatch.operations_submitted", "{operation}", "Operations Entra accepted (202).");
        rejected = meter.CreateCounter<long>("entramesh.dispatch.operations_rejected", "{operation}", "Operations refused for good, by reason.");
        outcomes = meter.CreateCounter<long>("entramesh.dispatch.outcomes_observed", "{entry}", "Provisioning-log entries matched to operations, by status.");
        unmatched = meter.CreateCounter<long>("entramesh.dispatch.log_entries_unmatched", "{entry}", "Provisioning-log entries no sent operation explains.");

        meter.CreateObservableGauge("entramesh.dispatch.pending", () => status.Pending.Select(p =>
                new Measurement<long>(p.Value, new("target", p.Key.Target), new("priority", p.Key.Priority.ToString()))),
            "{operation}", "Changes waiting to be sent, by target and priority.");
        meter.CreateObservableGauge("entramesh.dispatch.daily_calls_remaining", () => status.DailyBudget.Select(b =>
                new Measurement<int>(b.Value.Remaining, new KeyValuePair<string, object?>("target", b.Key))),
            "{call}", "Calls left in the tenant's rolling 24-hour budget.");
        meter.CreateObservableGauge("entramesh.dispatch.daily_calls_limit", () => status.DailyBudget.Select(b =>
                new Measurement<int>(b.Value.Limit, new KeyValuePair<string, object?>("target", b.Key))),
            "{call}", "The tenant's configured 24-hour budget.");
        meter.CreateObservableGauge("entramesh.dispatch.target_stopped", () => targets.All.Select(t =>
                new Measurement<int>(status.Stopped.ContainsKey(t.Name) ? 1 : 0, new KeyValuePair<string, object?>("target", t.Name))),
            "{target}", "1 while a target is stopped (403, or 401 with a fresh token): alert on it.");
    }

    public void CallMade(string target, string outcome, int operations)
    {
        calls.Add(1, new("target", target), new("outcome", outcome));
        operationsPerCall.Record(operations, new KeyValuePair<string, object?>("target", target));
        if (outcome == CallOutcomes.Throttled) throttled.Add(1, new KeyValuePair<string, object?>("target", target));
    }

    public void Submitted(string target, DateTimeOffset plannedAt, DateTimeOffset submittedAt)
    {
        submitted.Add(1, new KeyValuePair<string, object?>("target", target));
        planToSubmission.Record(Math.Max(0, (submittedAt - plannedAt).TotalSeconds), new KeyValuePair<string, object?>("target", target));
    }

    public void Queued(string target) => queued.Add(1, new KeyValuePair<string, object?>("target", target));

    public void Ignored(string target) => ignored.Add(1, new KeyValuePair<string, object?>("target", target));

    public void Rejected(string target, string reason, int count) => rejected.Add(count, new("target", target), new("reason", reason));

    public void OutcomeObserved(string target, OutcomeStatus status) => outcomes.Add(1, new("target", target), new("status", status.ToString()));

    public void Unmatched(string target) => unmatched.Add(1, new KeyValuePair<string, object?>("target", target));
}
