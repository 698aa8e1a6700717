using System.Diagnostics;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// ActivitySource <c>EntraMesh.Mapping</c>: one span per planned request, child of the trace the record arrived with, so a
/// record's trace continues through planning into the events it produces (the outbox records the current span) even
/// though records are planned in batches.
/// </summary>
internal static class PlanningTracing
{
    static readonly ActivitySource Source = new("EntraMesh.Mapping");

    public static Activity? Start(PlanRequest request)
    {
        var activity = Source.StartActivity(
            request.Origin switch { PlanOrigin.Accepted => "mapping plan record", PlanOrigin.Replay => "mapping replay worker", _ => "mapping release held change" },
            ActivityKind.Internal, request.TraceParent);
        activity?.SetTag("entramesh.source_id", request.Worker.SourceId);
        activity?.SetTag("entramesh.worker_id", request.Worker.WorkerId);
        if (request.Record is { } record) activity?.SetTag("entramesh.revision", record.Revision);
        return activity;
    }
}
