using System.Net;
using System.Text.Json;
using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>A pinned HttpClient and a token for one emulator, with the calls tests make most.</summary>
internal sealed class EmulatorClient(EntraEmulatorServer server, HttpClient http, string token) : IDisposable
{
    public EntraEmulatorServer Server { get; } = server;

    public HttpClient Http { get; } = http;

    public string Token { get; } = token;

    public static async Task<EmulatorClient> CreateAsync(EntraEmulatorServer server, string? clientId = null, string? secret = null) =>
        new(server, server.CreateHttpClient(), await server.AcquireTokenAsync(clientId, secret));

    public Task<HttpResponseMessage> PostAsync(string json, bool onPremises = false) =>
        EntraEmulatorServer.PostBulkAsync(Http, onPremises
            ? Server.BulkUploadUrl(Server.OnPremisesServicePrincipalId, Server.OnPremisesJobId)
            : Server.BulkUploadUrl(), Token, json);

    public async Task AcceptedAsync(string json, bool onPremises = false)
    {
        using var response = await PostAsync(json, onPremises);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"bulkUpload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<JsonElement> GetJsonAsync(string relative)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relative);
        request.Headers.Authorization = new("Bearer", Token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {relative} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Visible log entries matching a filter (first page, up to 1000).</summary>
    public async Task<List<JsonElement>> LogsAsync(string filter) =>
        [.. (await GetJsonAsync($"v1.0/auditLogs/provisioning?$top=1000&$filter={Uri.EscapeDataString(filter)}")).GetProperty("value").EnumerateArray()];

    /// <summary>Waits for the log entry of a job and externalId (the correlation dispatch uses).</summary>
    public async Task<JsonElement> LogEntryAsync(string externalId, string? jobId = null)
    {
        var filter = $"jobId eq '{jobId ?? Server.CloudJobId}' and sourceIdentity/id eq '{externalId}'";
        var entries = await Eventually.WaitForAsync(() => LogsAsync(filter), found => found.Count > 0, TimeSpan.FromSeconds(15), $"no log entry for {externalId}");
        return entries[0];
    }

    public void Dispose() => Http.Dispose();
}
