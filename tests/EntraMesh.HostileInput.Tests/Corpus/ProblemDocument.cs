using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>RFC 9457: <c>application/problem+json</c>, <c>status</c> equal to the HTTP status, a <c>title</c>, and a <c>detail</c> (or per-field <c>errors</c>) saying what is wrong.</summary>
public static class ProblemDocument
{
    public const string MediaType = "application/problem+json";

    /// <summary>What is wrong with <paramref name="body"/> as the problem document of a <paramref name="status"/> answer; null when it is right.</summary>
    public static string? Check(int status, string? contentType, string body)
    {
        if (!string.Equals(contentType, MediaType, StringComparison.OrdinalIgnoreCase)) return $"content type is '{contentType ?? "(none)"}', not {MediaType}";
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(body);
        }
        catch (JsonException exception)
        {
            return "the problem document is not JSON: " + exception.Message;
        }

        if (document is not JsonObject problem) return "the problem document is not a JSON object";
        if (problem["status"] is not JsonValue statusValue || !statusValue.TryGetValue<int>(out var declared) || declared != status)
            return $"its status is {problem["status"]?.ToJsonString() ?? "missing"}, the answer's is {status}";
        if (string.IsNullOrWhiteSpace((string?)problem["title"])) return "it has no title";
        var hasDetail = problem["detail"] is JsonValue detail && detail.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text);
        var hasErrors = problem["errors"] is JsonObject { Count: > 0 } errors
            && errors.All(e => e.Value is JsonArray { Count: > 0 } reasons && reasons.All(r => !string.IsNullOrWhiteSpace((string?)r)));
        return hasDetail || hasErrors ? null : "neither a detail nor per-field errors say what is wrong";
    }
}
