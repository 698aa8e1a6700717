using System.ComponentModel;
using EntraMesh.Reconciliation.Api.Csv;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Workers;

/// <summary><c>GET workers/{sourceId}/{workerId}</c>: where one worker stands, and its whole timeline.</summary>
public static class WorkerEndpoints
{
    static readonly string[] CsvHeader =
        ["id", "at", "recordedAt", "event", "target", "revision", "state", "effect", "changeId", "messageId", "traceId", "detail"];

    public static RouteGroupBuilder MapWorker(this RouteGroupBuilder api)
    {
        api.MapGet("/workers/{sourceId}/{workerId}", GetAsync)
            .WithName("GetWorker")
            .WithSummary("A worker's state, overall and per target, with the time of each step and its full timeline")
            .WithDescription(
                "The overall state is what needs attention first across the targets of the latest revision. Each target shows its " +
                "latest revision and change with the time of each step; a change that newer revisions left unchanged (mapping sent " +
                "nothing for them) still counts for them, up to `unchangedThrough`. The timeline lists every event seen, in the order they " +
                "happened, with its effect (events that arrived late or duplicated are kept but marked). `format=csv` exports the timeline.")
            .Produces<WorkerDetail>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        return api;
    }

    static async Task<IResult> GetAsync(
        string sourceId,
        string workerId,
        [Description("json (default) or csv (the timeline); Accept: text/csv works too.")] string? format,
        HttpRequest request,
        WorkerReader workers,
        CancellationToken cancellationToken)
    {
        var csv = format is null
            ? request.Headers.Accept.Any(value => value?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true)
            : format.Equals("csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Invalid("format", "Expected json or csv.");
        }

        var key = new WorkerKey(RouteIds.Decode(sourceId), RouteIds.Decode(workerId));
        var worker = await workers.FindAsync(key, cancellationToken);
        if (worker is null) return ApiProblems.UnknownWorker(key);
        if (!csv) return TypedResults.Ok(worker);

        return CsvExport.Stream($"timeline-{CsvExport.SafeFileName(key.SourceId)}-{CsvExport.SafeFileName(key.WorkerId)}.csv", CsvHeader, worker.Timeline.ToAsyncEnumerable(), item =>
        [
            item.Id, item.At, item.RecordedAt, item.Event, item.Target, item.Revision, item.State, item.Effect, item.ChangeId,
            item.MessageId, item.TraceId, item.Detail?.GetRawText(),
        ]);
    }
}
