using System.Diagnostics.Metrics;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Telemetry;

/// <summary>What operators watch on reconciliation (Meter <c>EntraMesh.Reconciliation</c>).</summary>
public sealed class ReconciliationMetrics
{
    public const string MeterName = "EntraMesh.Reconciliation";

    readonly Counter<long> events;
    readonly Counter<long> duplicates;
    readonly Counter<long> invalid;
    readonly Histogram<int> batchSize;
    readonly Counter<long> stuck;
    readonly Counter<long> replays;
    readonly Histogram<double> latency;

    public ReconciliationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        events = meter.CreateCounter<long>("entramesh.reconciliation.events", "{event}", "Pipeline events projected, by event and effect.");
        duplicates = meter.CreateCounter<long>("entramesh.reconciliation.duplicates", "{message}", "Messages delivered again and ignored by the inbox.");
        invalid = meter.CreateCounter<long>("entramesh.reconciliation.invalid_events", "{message}", "Messages naming no worker or target, kept in invalid_event.");
        batchSize = meter.CreateHistogram<int>("entramesh.reconciliation.batch_size", "{message}", "Messages projected per transaction.");
        stuck = meter.CreateCounter<long>("entramesh.reconciliation.stuck_detected", "{change}", "Submitted changes marked stuck.");
        replays = meter.CreateCounter<long>("entramesh.reconciliation.replays", "{worker}", "Replays requested by operators.");
        latency = meter.CreateHistogram<double>("entramesh.reconciliation.outcome_latency", "s", "Time from accepted to succeeded.");
    }

    public void Projected(string eventName, ApplyEffect effect) =>
        events.Add(1, new KeyValuePair<string, object?>("event", eventName), new KeyValuePair<string, object?>("effect", effect.ToString()));

    public void Duplicates(int count)
    {
        if (count > 0) duplicates.Add(count);
    }

    public void Invalid(string messageType) => invalid.Add(1, new KeyValuePair<string, object?>("message_type", messageType));

    public void Batch(int messages) => batchSize.Record(messages);

    public void Stuck(string target) => stuck.Add(1, new KeyValuePair<string, object?>("target", target));

    public void Replayed(int workers) => replays.Add(workers);

    public void Succeeded(LatencySample sample) =>
        latency.Record(sample.Latency.TotalSeconds, new KeyValuePair<string, object?>("target", sample.Target));
}
