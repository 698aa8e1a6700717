using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace EntraMesh.Hosting.Http;

/// <summary>
/// Gives a detail to the problem documents that carry only a status: those of routing and status code pages (404 for no
/// endpoint, 405 for the wrong method, 415 for a content type an endpoint does not accept), of authentication, and of
/// unhandled errors. Every error answer then says what is wrong. Details an endpoint wrote are left alone, and so are
/// validation problems (their <c>errors</c> name each field).
/// </summary>
public static class StatusCodeProblems
{
    const int MaxEchoedLength = 200;

    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail) || problem is HttpValidationProblemDetails { Errors.Count: > 0 }) return;
        var request = context.HttpContext.Request;
        var path = Clip(request.Path.Value ?? "/");
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Detail = status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be read.",
            StatusCodes.Status401Unauthorized => "The request carries no valid credentials.",
            StatusCodes.Status403Forbidden => "The caller is not allowed to do this.",
            StatusCodes.Status404NotFound => $"Nothing is found at {request.Method} {path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {path}.",
            StatusCodes.Status406NotAcceptable => "None of the media types in Accept can be produced here.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
            StatusCodes.Status415UnsupportedMediaType => $"The content type '{Clip(request.ContentType ?? "(none)")}' is not accepted by {request.Method} {path}.",
            StatusCodes.Status500InternalServerError => "The service failed unexpectedly; the error is logged with this trace id.",
            _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : null,
        };
    }

    static string Clip(string value) => value.Length <= MaxEchoedLength ? value : value[..MaxEchoedLength] + "…";
}
