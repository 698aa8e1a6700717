using Microsoft.AspNetCore.Http.HttpResults;

namespace EntraMesh.Ingest.Http;

/// <summary>RFC 9457 answers with a title per status and a detail that names the problem.</summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    public static ProblemHttpResult BadRequest(string detail) => Status(StatusCodes.Status400BadRequest, "The request is malformed.", detail);

    public static ProblemHttpResult Unauthorized(string detail) => Status(StatusCodes.Status401Unauthorized, "The webhook signature is not valid.", detail);

    public static ProblemHttpResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found.", detail);

    public static ProblemHttpResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "The request conflicts with the current state.", detail);

    public static ProblemHttpResult TooLarge(long limit) =>
        Status(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"The body exceeds the limit of {limit} bytes for this endpoint.");

    public static ProblemHttpResult UnsupportedMediaType(string? given, string expected) =>
        Status(StatusCodes.Status415UnsupportedMediaType, "The content type is not supported.",
            $"Content-Type '{given ?? "(none)"}' is not accepted here; send {expected}.");

    public static ProblemHttpResult Unavailable(string detail) =>
        Status(StatusCodes.Status503ServiceUnavailable, "The service cannot store records right now.", detail);
}
