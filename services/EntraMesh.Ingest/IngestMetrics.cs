using System.Diagnostics.Metrics;

namespace EntraMesh.Ingest;

/// <summary>Meter <c>EntraMesh.Ingest</c>: records accepted, rejected and recognised as redeliveries, per source and channel.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "EntraMesh.Ingest";

    readonly Counter<long> accepted;
    readonly Counter<long> rejected;
    readonly Counter<long> duplicates;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        accepted = meter.CreateCounter<long>("entramesh.ingest.records_accepted", "{record}", "Records stored with a revision and an outbox event.");
        rejected = meter.CreateCounter<long>("entramesh.ingest.records_rejected", "{record}", "Records refused with a reason (kept in rejected_record).");
        duplicates = meter.CreateCounter<long>("entramesh.ingest.records_duplicate", "{record}", "Redelivered records (same source event id) acknowledged without processing.");
    }

    public void Accepted(string source, string channel, long count) => Add(accepted, source, channel, count);
    public void Rejected(string source, string channel, long count) => Add(rejected, source, channel, count);
    public void Duplicates(string source, string channel, long count) => Add(duplicates, source, channel, count);

    static void Add(Counter<long> counter, string source, string channel, long count)
    {
        if (count > 0) counter.Add(count, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("channel", channel));
    }
}
