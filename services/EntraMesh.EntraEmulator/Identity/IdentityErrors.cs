using EntraMesh.EntraEmulator.Hosting;
using System.Globalization;
using System.Text.Json;
using EntraMesh.EntraEmulator.Graph;

namespace EntraMesh.EntraEmulator.Identity;

/// <summary>
/// Errors in the identity platform's JSON form: <c>{"error","error_description":"AADSTSnnnn: ...","error_codes":[n],
/// "timestamp","trace_id","correlation_id","error_uri"}</c>.
/// </summary>
public static class IdentityErrors
{
    public static async Task WriteAsync(HttpContext context, int status, string error, int code, string description, TimeSpan? retryAfter = null)
    {
        var call = EmulatorCall.Of(context);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store, no-cache";
        if (retryAfter is { } wait) response.Headers.RetryAfter = GraphErrors.RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);

        var traceId = call?.RequestId ?? context.TraceIdentifier;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteString("error", error);
        writer.WriteString("error_description", $"AADSTS{code}: {description} Trace ID: {traceId} Correlation ID: {call?.ClientRequestId ?? traceId} Timestamp: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss'Z'}");
        writer.WriteStartArray("error_codes");
        writer.WriteNumberValue(code);
        writer.WriteEndArray();
        writer.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("trace_id", traceId);
        writer.WriteString("correlation_id", call?.ClientRequestId ?? traceId);
        writer.WriteString("error_uri", $"https://login.microsoftonline.com/error?code={code}");
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
