using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EntraMesh.Launcher.Client;

namespace EntraMesh.Bench.Load;

/// <summary>
/// An HR system posting signed webhooks to the gateway on a schedule (open loop: the next one is due at its time whatever
/// the answers take, up to <c>maxInFlight</c> outstanding). Notes when each was sent and answered.
/// </summary>
public sealed class WebhookSender(Uri gateway, string sourceId, string secret) : IDisposable
{
    readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Posts <paramref name="bodies"/> at <paramref name="perSecond"/> webhooks a second.</summary>
    public async Task<SendReport> SendAsync(IReadOnlyList<byte[]> bodies, double perSecond, int maxInFlight, CancellationToken cancellationToken)
    {
        var answers = new WebhookAnswer[bodies.Count];
        using var slots = new SemaphoreSlim(maxInFlight);
        var tasks = new List<Task>(bodies.Count);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < bodies.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancellationToken);
            await slots.WaitAsync(cancellationToken);
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    answers[index] = await PostAsync(bodies[index], cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            }, cancellationToken));
        }

        var lastSent = started + clock.Elapsed;
        await Task.WhenAll(tasks);
        return new SendReport(started, lastSent, answers);
    }

    /// <summary>Posts one body now.</summary>
    public async Task<WebhookAnswer> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        var sent = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{Uri.EscapeDataString(sourceId)}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add(WebhookSigner.Header, WebhookSigner.Sign(secret, body, sent));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var accepted = response.StatusCode == HttpStatusCode.Accepted ? Accepted(text) : 0;
            return new WebhookAnswer(sent, DateTimeOffset.UtcNow, (int)response.StatusCode, accepted);
        }
        catch (HttpRequestException)
        {
            return new WebhookAnswer(sent, DateTimeOffset.UtcNow, 0, 0);
        }
    }

    static int Accepted(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("accepted", out var accepted) ? accepted.GetInt32() : 0;
    }

    public void Dispose() => http.Dispose();
}
