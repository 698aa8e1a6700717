using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Credentials;
using EntraMesh.Dispatch.Sending;
using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch.LogPolling;

/// <summary>
/// Reads <c>GET {GraphBaseUrl}/auditLogs/provisioning?$filter=jobId eq '…' and activityDateTime ge …</c> page by
/// page. A 401 is tried once more with a fresh token; other failures throw <see cref="ProvisioningLogException"/>.
/// </summary>
public sealed class ProvisioningLogClient(TargetHttpClients clients, AccessTokens tokens, IOptions<DispatchOptions> options, TimeProvider time)
{
    public Uri FirstPage(DispatchTarget target, DateTimeOffset since)
    {
        var filter = $"jobId eq '{target.JobId}' and activityDateTime ge {since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";
        return new Uri($"{target.ProvisioningLogsUri}?$filter={Uri.EscapeDataString(filter)}&$top={options.Value.LogPolling.PageSize}");
    }

    public async Task<ProvisioningLogPage> GetPageAsync(DispatchTarget target, Uri page, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(target, forceRefresh: attempt > 0, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, page);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Value.RequestTimeout);
            using var response = await clients.For(target).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0) continue;
            if (!response.IsSuccessStatusCode)
            {
                var retryAfter = RetryAfter.From(response.Headers.RetryAfter, time.GetUtcNow());
                throw new ProvisioningLogException((int)response.StatusCode, retryAfter);
            }

            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: deadline.Token);
            return ProvisioningLogParser.Parse(document.RootElement);
        }
    }
}
