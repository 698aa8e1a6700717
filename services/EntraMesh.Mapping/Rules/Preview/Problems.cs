namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>RFC 9457 problem documents for the rules API.</summary>
internal static class Problems
{
    public static IResult BadRequest(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest, extensions: extensions);

    public static IResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(title: "Unsupported media type", detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static string PrincipalOf(HttpRequest request) =>
        request.Headers["X-EntraMesh-Principal"].FirstOrDefault() is { Length: > 0 } principal ? principal : "(no principal)";
}
