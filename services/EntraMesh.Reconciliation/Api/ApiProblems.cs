using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api;

/// <summary>The API's error answers, all RFC 9457 problem documents.</summary>
public static class ApiProblems
{
    /// <summary>400 naming every parameter (or body field, or header) that is wrong, and why.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid parameters.");

    public static IResult Invalid(string name, string reason) => Invalid(new Dictionary<string, string[]> { [name] = [reason] });

    public static IResult UnknownWorker(WorkerKey worker) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown worker",
        detail: $"No event has been seen for worker '{worker.WorkerId}' of source '{worker.SourceId}'.");
}
