using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace EntraMesh.Bench.Baseline;

/// <summary>
/// Behaves like Microsoft's CSV2SCIM script: maps every row of the file, 50 operations per bulkUpload call with a
/// random GUID as bulkId, calls one after another with no pacing, and does nothing about a 429 (the rows of a refused
/// call are simply not delivered). Posts to the baseline tenant's cloud job in the emulator.
/// </summary>
public sealed class Csv2ScimClient(HttpClient http, BaselineTenant tenant)
{
    const int OperationsPerCall = 50;
    string? token;

    /// <summary>Sends the whole file.</summary>
    public async Task<BaselineDelivery> DeliverAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, CancellationToken cancellationToken)
    {
        token ??= await TokenAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        int calls = 0, accepted = 0, throttled = 0, other = 0;
        long sent = 0, delivered = 0;
        foreach (var chunk in rows.Chunk(OperationsPerCall))
        {
            var body = new JsonObject
            {
                ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:BulkRequest"),
                ["Operations"] = new JsonArray(chunk.Select(row => (JsonNode)new JsonObject
                {
                    ["method"] = "POST",
                    ["bulkId"] = Guid.NewGuid().ToString(),
                    ["path"] = "/Users",
                    ["data"] = Csv2ScimMapping.Map(row),
                }).ToArray()),
                ["failOnErrors"] = null,
            };
            using var request = new HttpRequestMessage(HttpMethod.Post,
                $"v1.0/servicePrincipals/{BaselineTenant.ServicePrincipalId}/synchronization/jobs/{BaselineTenant.JobId}/bulkUpload")
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/scim+json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            calls++;
            sent += chunk.Length;
            switch ((int)response.StatusCode)
            {
                case 202:
                    accepted++;
                    delivered += chunk.Length;
                    break;
                case 429:
                    throttled++;
                    break;
                default:
                    other++;
                    break;
            }
        }

        return new BaselineDelivery(calls, accepted, throttled, other, sent, delivered, clock.Elapsed);
    }

    async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"{BaselineTenant.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = BaselineTenant.ClientId,
            ["client_secret"] = tenant.ClientSecret,
            ["scope"] = "https://graph.microsoft.com/.default",
        }), cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return (string?)answer?["access_token"] ?? throw new InvalidOperationException("The emulator's token endpoint answered without an access token.");
    }
}
