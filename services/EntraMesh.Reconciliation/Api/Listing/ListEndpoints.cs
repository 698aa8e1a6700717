using EntraMesh.Reconciliation.Api.Csv;
using Microsoft.Extensions.Options;

namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary><c>GET workers</c>, <c>GET stuck</c> and <c>GET failures</c>: keyset-paged lists, or CSV exports.</summary>
public static class ListEndpoints
{
    static readonly string[] CsvHeader =
    [
        "sourceId", "workerId", "target", "revision", "state", "changeKind", "acceptedAt", "submittedAt", "completedAt", "stuckAt",
        "errorCode", "errorReason", "skipReason", "skipDetail", "heldUntil", "targets", "updatedAt", "traceId",
    ];

    public static RouteGroupBuilder MapLists(this RouteGroupBuilder api)
    {
        api.MapGet("/workers", (HttpRequest request, [AsParameters] ListParameters parameters, ListReader lists, IOptions<ReconciliationOptions> options, CancellationToken cancellationToken) =>
                ListAsync(ListKind.Workers, request, parameters, lists, options.Value, cancellationToken))
            .WithName("ListWorkers")
            .WithSummary("Workers by state, target and change kind")
            .WithDescription(
                "Without `target`, one row per worker with its overall state; with `target`, one row per worker in that target with " +
                "its state there. Keyset-paged: pass `nextCursor` as `cursor`. Add `format=csv` (or `Accept: text/csv`) for a CSV export.")
            .Produces<ListPage>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem();

        api.MapGet("/stuck", (HttpRequest request, [AsParameters] ListParameters parameters, ListReader lists, IOptions<ReconciliationOptions> options, CancellationToken cancellationToken) =>
                ListAsync(ListKind.Stuck, request, parameters, lists, options.Value, cancellationToken))
            .WithName("ListStuck")
            .WithSummary("Changes submitted to Entra with no outcome after Reconciliation:StuckAfter")
            .WithDescription("One row per worker and target in state Stuck. Same parameters as the workers list (state may only be Stuck).")
            .Produces<ListPage>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem();

        api.MapGet("/failures", (HttpRequest request, [AsParameters] ListParameters parameters, ListReader lists, IOptions<ReconciliationOptions> options, CancellationToken cancellationToken) =>
                ListAsync(ListKind.Failures, request, parameters, lists, options.Value, cancellationToken))
            .WithName("ListFailures")
            .WithSummary("Changes that failed in Entra or that dispatch gave up on")
            .WithDescription(
                "One row per worker and target in state Failed (Entra's error code and reason) or Rejected (dispatch's status code and error). " +
                "Filter with errorCode, target, changeKind, since.")
            .Produces<ListPage>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem();

        return api;
    }

    static async Task<IResult> ListAsync(
        ListKind kind, HttpRequest request, ListParameters parameters, ListReader lists, ReconciliationOptions options, CancellationToken cancellationToken)
    {
        var (query, errors) = ListQueryParser.Parse(parameters, request, kind, options);
        if (query is null) return ApiProblems.Invalid(errors);

        if (query.Csv)
        {
            var rows = lists.StreamAsync(query, query.Limit ?? options.MaxExportRows, cancellationToken);
            return CsvExport.Stream($"{kind.Name}.csv", CsvHeader, rows, Cells);
        }

        var page = await lists.PageAsync(query, cancellationToken);
        return TypedResults.Ok(page);
    }

    static IEnumerable<object?> Cells(ListItem item) =>
    [
        item.SourceId, item.WorkerId, item.Target, item.Revision, item.State, item.ChangeKind, item.AcceptedAt, item.SubmittedAt,
        item.CompletedAt, item.StuckAt, item.ErrorCode, item.ErrorReason, item.SkipReason, item.SkipDetail, item.HeldUntil,
        item.Targets, item.UpdatedAt, item.TraceId,
    ];
}
