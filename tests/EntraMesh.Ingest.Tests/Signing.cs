using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace EntraMesh.Ingest.Tests;

/// <summary>Builds webhook requests signed the way EntraMesh's format and BambooHR document it.</summary>
public static class Signing
{
    public static HttpRequestMessage EntraMesh(string sourceId, string body, string secret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Hex(secret, timestamp + "." + body);
        var request = Json(sourceId, body);
        request.Headers.Add("X-EntraMesh-Signature", $"t={timestamp},v1={signature}");
        return request;
    }

    public static HttpRequestMessage BambooHr(string sourceId, string body, string privateKey, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = Json(sourceId, body);
        request.Headers.Add("X-BambooHR-Timestamp", timestamp);
        request.Headers.Add("X-BambooHR-Signature", Hex(privateKey, body + timestamp));
        return request;
    }

    public static HttpRequestMessage Json(string sourceId, string body) => new(HttpMethod.Post, $"/webhooks/{sourceId}")
    {
        Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
    };

    public static string Hex(string secret, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));

    /// <summary>An EntraMesh webhook body: one record per (eventId, attributes).</summary>
    public static string Records(params (string EventId, Dictionary<string, string?> Attributes)[] records) =>
        System.Text.Json.JsonSerializer.Serialize(new { records = records.Select(r => new { eventId = r.EventId, attributes = r.Attributes }) });

    public static Dictionary<string, string?> Worker(string workerId, string firstName = "Ginnie", string status = "Active") => new()
    {
        ["WorkerID"] = workerId,
        ["FirstName"] = firstName,
        ["LastName"] = "Fadiman",
        ["WorkerStatus"] = status,
        ["HireDate"] = "2010-07-10",
    };
}
