using EntraMesh.EntraEmulator.Hosting;
using System.Globalization;
using System.Text.Json;

namespace EntraMesh.EntraEmulator.Graph;

/// <summary>
/// Writes errors in Microsoft Graph's form: <c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>,
/// with <c>Retry-After</c> (seconds) when given.
/// </summary>
public static class GraphErrors
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string message, TimeSpan? retryAfter = null)
    {
        var call = EmulatorCall.Of(context);
        var response = context.Response;
        var requestId = call?.RequestId ?? Guid.NewGuid().ToString();
        var clientRequestId = call?.ClientRequestId ?? requestId;
        if (call is null)
        {
            response.Headers["request-id"] = requestId;
            response.Headers["client-request-id"] = clientRequestId;
        }

        response.StatusCode = status;
        response.ContentType = "application/json";
        if (retryAfter is { } wait) response.Headers.RetryAfter = RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);

        await using var writer = new Utf8JsonWriter(response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", code);
        writer.WriteString("message", message);
        writer.WriteStartObject("innerError");
        writer.WriteString("date", (call?.At ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        writer.WriteString("request-id", requestId);
        writer.WriteString("client-request-id", clientRequestId);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Whole seconds, rounded up, at least 1.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static Task BadRequest(HttpContext context, string message) => WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequest", message);

    public static Task NotFound(HttpContext context, string message) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "Request_ResourceNotFound", message);
}
