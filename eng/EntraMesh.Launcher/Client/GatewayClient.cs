using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntraMesh.Launcher.Client;

/// <summary>What an HR system and an operator do through the gateway: signed webhooks, CSV imports, the ops API.</summary>
public sealed class GatewayClient(HttpClient http, string apiKey, string webhookSecret) : IDisposable
{
    public HttpClient Http => http;

    public static GatewayClient Create(Uri gateway, string apiKey, string webhookSecret) =>
        new(new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(5) }, apiKey, webhookSecret);

    /// <summary>Posts a signed EntraMesh JSON webhook; returns the status and the body.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> PostWebhookAsync(
        string sourceId, IEnumerable<WorkerChange> changes, CancellationToken cancellationToken = default)
    {
        var records = new JsonArray(changes.Select(change => (JsonNode)new JsonObject
        {
            ["eventId"] = change.EventId,
            ["deleted"] = change.Deleted,
            ["attributes"] = new JsonObject(change.Attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
        }).ToArray());
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["records"] = records }.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{Uri.EscapeDataString(sourceId)}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add(WebhookSigner.Header, WebhookSigner.Sign(webhookSecret, body, DateTimeOffset.UtcNow));
        using var response = await http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await ReadJsonAsync(response, cancellationToken));
    }

    /// <summary>Uploads a CSV file; returns the import id.</summary>
    public async Task<Guid> ImportCsvAsync(string sourceId, Stream csv, bool fullSnapshot = false, CancellationToken cancellationToken = default)
    {
        using var request = Operator(HttpMethod.Post, $"/api/imports?source={Uri.EscapeDataString(sourceId)}&mode={(fullSnapshot ? "full" : "delta")}");
        request.Content = new StreamContent(csv) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Import refused with {(int)response.StatusCode}: {body?.ToJsonString()}");
        }

        return Guid.Parse((string)body!["id"]!);
    }

    public async Task<JsonNode> GetImportAsync(Guid id, CancellationToken cancellationToken = default) =>
        await GetJsonAsync($"/api/imports/{id}", cancellationToken) ?? throw new InvalidOperationException($"Import {id} not found.");

    /// <summary>Polls an import until it is done; <paramref name="progress"/> sees every status.</summary>
    public async Task<JsonNode> WaitForImportAsync(Guid id, Action<JsonNode>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(10));
        while (true)
        {
            var status = await GetImportAsync(id, cancellationToken);
            progress?.Invoke(status);
            if ((bool?)status["done"] == true) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Import {id} did not finish: {status.ToJsonString()}");
            await Task.Delay(250, cancellationToken);
        }
    }

    public Task<JsonNode?> GetSummaryAsync(CancellationToken cancellationToken = default) =>
        GetJsonAsync("/api/reconciliation/summary", cancellationToken);

    /// <summary>A worker's state and timeline, or null when reconciliation does not know it.</summary>
    public Task<JsonNode?> GetWorkerAsync(string sourceId, string workerId, CancellationToken cancellationToken = default) =>
        GetJsonAsync($"/api/reconciliation/workers/{Uri.EscapeDataString(sourceId)}/{Uri.EscapeDataString(workerId)}", cancellationToken);

    public Task<JsonNode?> GetJsonAsync(string path, CancellationToken cancellationToken = default) => SendForJsonAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>
    /// Sends an ops API request and reads its JSON answer (null for 404). A 429 from the gateway's per-client limit (the
    /// request was refused before it reached a service, so sending it again is safe for any method) is waited out as its
    /// Retry-After says, up to <see cref="RateLimitRetries"/> times, as a well-behaved operator client does.
    /// </summary>
    public async Task<JsonNode?> SendForJsonAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = Operator(method, path);
            if (body is not null) request.Content = JsonContent.Create(body);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < RateLimitRetries)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            return await ReadAnswerAsync(method, path, response, cancellationToken);
        }
    }

    /// <summary>How many 429 answers <see cref="SendForJsonAsync"/> waits out before it reports one.</summary>
    public const int RateLimitRetries = 10;

    static async Task<JsonNode?> ReadAnswerAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var json = await ReadJsonAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {json?.ToJsonString()}", null, response.StatusCode);
        }

        return json;
    }

    public Task<JsonNode?> ReplayAsync(string sourceId, string workerId, string reason, CancellationToken cancellationToken = default) =>
        SendForJsonAsync(HttpMethod.Post, $"/api/reconciliation/workers/{Uri.EscapeDataString(sourceId)}/{Uri.EscapeDataString(workerId)}/replay",
            new JsonObject { ["reason"] = reason }, cancellationToken);

    HttpRequestMessage Operator(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", apiKey);
        return request;
    }

    static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    public void Dispose() => http.Dispose();
}
