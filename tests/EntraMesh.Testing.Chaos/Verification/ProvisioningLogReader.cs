using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.Testing.Chaos.Verification;

/// <summary>
/// Reads a job's whole provisioning log from the emulator through Graph (<c>GET /v1.0/auditLogs/provisioning</c>), as an
/// auditor's tool would: a client-credentials token of the dispatch app (it holds ProvisioningLog.Read.All), then every page.
/// </summary>
public sealed class ProvisioningLogReader(HttpClient emulator, string clientSecret)
{
    public async Task<List<LogEntry>> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(cancellationToken);
        var entries = new List<LogEntry>();
        var filter = Uri.EscapeDataString($"jobId eq '{jobId}'");
        string? next = $"v1.0/auditLogs/provisioning?$filter={filter}&$top=1000&$orderby=activityDateTime%20asc";
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await emulator.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            entries.AddRange((page["value"]?.AsArray() ?? []).Select(entry => LogEntry.From(entry!)));
            next = (string?)page["@odata.nextLink"];
        }

        return entries;
    }

    async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = EmulatorTenant.ClientId,
            ["client_secret"] = clientSecret,
            ["scope"] = "https://graph.microsoft.com/.default",
        });
        using var response = await emulator.PostAsync($"{EmulatorTenant.TenantId}/oauth2/v2.0/token", form, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        return (string)body!["access_token"]!;
    }
}
