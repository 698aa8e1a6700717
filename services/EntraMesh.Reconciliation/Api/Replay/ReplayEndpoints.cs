using System.Text.Json;
using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Api.Listing;
using EntraMesh.Reconciliation.ReadModel;
using Microsoft.Extensions.Options;

namespace EntraMesh.Reconciliation.Api.Replay;

/// <summary>
/// <c>POST workers/{sourceId}/{workerId}/replay</c> and <c>POST workers/replay</c>: ask mapping to plan workers again from
/// their last accepted record. Audited: who (<c>X-EntraMesh-Principal</c>), when and why, in the workers' timelines.
/// </summary>
public static class ReplayEndpoints
{
    public const int MaxReasonLength = 1000;

    public static RouteGroupBuilder MapReplay(this RouteGroupBuilder api)
    {
        api.MapPost("/workers/{sourceId}/{workerId}/replay", ReplayOneAsync)
            .WithName("ReplayWorker")
            .WithSummary("Plan a worker again from its last accepted record")
            .WithDescription(
                "Publishes ReplayWorkerRequested (through the outbox) and records who asked (header X-EntraMesh-Principal, set by " +
                "the gateway), when and why in the worker's timeline. The body's `reason` is required.")
            .Accepts<ReplayBody>("application/json")
            .Produces<ReplayReceipt>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem();

        api.MapPost("/workers/replay", ReplayManyAsync)
            .WithName("ReplayWorkers")
            .WithSummary("Replay every failed worker matching a filter")
            .WithDescription(
                "Matches workers with a target in `states` (default Failed and Rejected; Stuck allowed) and the optional filter " +
                "(target, changeKind, errorCode, sourceId, since). Refused with 400 when more than `maxWorkers` match (default and " +
                "ceiling Reconciliation:MaxBulkReplay): narrow the filter. `dryRun` lists the matches without replaying. Audited " +
                "like the single replay; all requests share a bulkRequestId.")
            .Accepts<BulkReplayBody>("application/json")
            .Produces<BulkReplayResult>(StatusCodes.Status202Accepted)
            .Produces<BulkReplayResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem();
        return api;
    }

    static async Task<IResult> ReplayOneAsync(string sourceId, string workerId, HttpRequest request, ReplayService replays, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAsync<ReplayBody>(request, cancellationToken);
        if (problem is not null) return problem;

        var worker = new WorkerKey(RouteIds.Decode(sourceId), RouteIds.Decode(workerId));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var principal = Principal.From(request, out var principalProblem);
        if (principalProblem is not null) errors[Principal.Header] = [principalProblem];
        var reason = Reason(body!.Reason, errors);
        if (errors.Count > 0) return ApiProblems.Invalid(errors);

        var receipt = await replays.ReplayAsync(worker, principal!, reason!, cancellationToken);
        if (receipt is null) return ApiProblems.UnknownWorker(worker);
        var location = $"{ReconciliationApi.Prefix}/workers/{Uri.EscapeDataString(worker.SourceId)}/{Uri.EscapeDataString(worker.WorkerId)}";
        return TypedResults.Accepted(location, receipt);
    }

    static async Task<IResult> ReplayManyAsync(
        HttpRequest request, ReplayService replays, IOptions<ReconciliationOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAsync<BulkReplayBody>(request, cancellationToken);
        if (problem is not null) return problem;

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var principal = Principal.From(request, out var principalProblem);
        if (principalProblem is not null) errors[Principal.Header] = [principalProblem];
        var reason = Reason(body!.Reason, errors);
        var filter = Filter(body, options.Value, errors);
        if (errors.Count > 0) return ApiProblems.Invalid(errors);

        var result = await replays.ReplayManyAsync(filter!, principal!, reason!, body.DryRun, cancellationToken);
        if (result.Matched > filter!.MaxWorkers)
        {
            return ApiProblems.Invalid("maxWorkers",
                $"More than {filter.MaxWorkers} workers match; narrow the filter or raise maxWorkers (at most {options.Value.MaxBulkReplay}).");
        }

        return result.DryRun ? TypedResults.Ok(result) : TypedResults.Accepted((string?)null, result);
    }

    static BulkReplayFilter? Filter(BulkReplayBody body, ReconciliationOptions options, Dictionary<string, string[]> errors)
    {
        var allowed = new ListKind("replay", [WorkerState.Failed, WorkerState.Rejected, WorkerState.Stuck], [WorkerState.Failed, WorkerState.Rejected], true);
        var states = ListQueryParser.ParseStates(body.States is null ? null : string.Join(',', body.States), allowed, errors);
        if (errors.Remove("state", out var stateErrors)) errors["states"] = stateErrors;
        var target = ListQueryParser.Text(body.Target, "target", errors);
        var kind = ListQueryParser.ParseEnum<ChangeKind>(string.IsNullOrWhiteSpace(body.ChangeKind) ? null : body.ChangeKind.Trim(), "changeKind", errors);
        var errorCode = ListQueryParser.Text(body.ErrorCode, "errorCode", errors);
        var sourceId = ListQueryParser.Text(body.SourceId, "sourceId", errors);
        var maxWorkers = body.MaxWorkers ?? options.MaxBulkReplay;
        if (maxWorkers < 1 || maxWorkers > options.MaxBulkReplay)
        {
            errors["maxWorkers"] = [$"Expected 1 to {options.MaxBulkReplay} (Reconciliation:MaxBulkReplay)."];
        }

        return errors.Count > 0 ? null : new BulkReplayFilter(states, target, kind, errorCode, sourceId, body.Since?.ToUniversalTime(), maxWorkers);
    }

    static string? Reason(string? value, Dictionary<string, string[]> errors)
    {
        var reason = value?.Trim();
        var problem = reason switch
        {
            null or "" => "Required: say why the worker(s) should be planned again; it is kept with the request.",
            { Length: > MaxReasonLength } => $"Longer than {MaxReasonLength} characters.",
            _ when reason.Any(c => char.IsControl(c) && c is not ('\n' or '\t')) => "Contains control characters.",
            _ => null,
        };
        if (problem is null) return reason;
        errors["reason"] = [problem];
        return null;
    }

    static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the body as application/json."));
        }

        try
        {
            var body = await request.ReadFromJsonAsync<T>(cancellationToken);
            return body is null ? (null, ApiProblems.Invalid("body", "Required: a JSON object.")) : (body, null);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            return (null, ApiProblems.Invalid(where, "Not valid JSON for this request: " + (exception.Message.Split(" Path:")[0])));
        }
    }
}
