using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EntraMesh.Benchmarking;
using EntraMesh.Testing;

namespace EntraMesh.IngestBench;

/// <summary>One run of each measurement, each against a fresh ingest and gateway process.</summary>
public sealed class IngestBenchmark(IsolatedInfrastructure infrastructure, ExchangeCounter published)
{
    const string Secret = "bench-webhook-secret";
    const string ApiKey = "bench-api-key";

    public async Task<double> WebhooksAsync(int records, int batchSize, int concurrency)
    {
        await using var services = await StartAsync();
        using var client = new HttpClient { BaseAddress = services.Gateway.Address };
        var before = published.Count;
        var batches = records / batchSize;
        var next = -1;
        var runId = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var body = Body(runId, batch, batchSize);
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/hr-webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-EntraMesh-Signature", $"t={timestamp},v1={Sign(timestamp + "." + body)}");
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != 202) throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }));
        var accepted = clock.Elapsed;
        await WaitForAsync(() => published.Count - before >= batches * batchSize, TimeSpan.FromMinutes(5));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  webhooks: all {batches * batchSize} records answered 202 after {accepted.TotalSeconds:0.0} s ({batches * batchSize / accepted.TotalSeconds:0} records/s), all published after {clock.Elapsed.TotalSeconds:0.0} s"));
        return batches * batchSize / clock.Elapsed.TotalSeconds;
    }

    public async Task<(double Seconds, long PeakBytes)> CsvAsync(int rows)
    {
        await using var services = await StartAsync();
        using var client = new HttpClient { BaseAddress = services.Gateway.Address, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var clock = Stopwatch.StartNew();
        using var content = new StreamContent(new GeneratedCsv(rows));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync("/api/imports?source=hr-csv", content);
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.ToString();
        JsonElement job = default;
        await WaitForAsync(async () =>
        {
            job = JsonDocument.Parse(await client.GetStringAsync(location)).RootElement.Clone();
            return job.GetProperty("done").GetBoolean();
        }, TimeSpan.FromMinutes(10));
        var seconds = clock.Elapsed.TotalSeconds;
        if (job.GetProperty("rowsAccepted").GetInt64() != rows) throw new InvalidOperationException("not every row was accepted: " + job);
        return (seconds, services.Ingest.PeakResidentBytes());
    }

    async Task<Services> StartAsync()
    {
        var ingest = await ChildService.StartAsync("EntraMesh.Ingest", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = infrastructure.PostgresConnectionString,
            ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
            ["Ingest__StateDirectory"] = Path.Combine(Path.GetTempPath(), "entramesh-bench", Guid.NewGuid().ToString("N")),
            ["Sources__1__Secrets__0"] = Secret,
            ["Sources__2__Secrets__0"] = Secret,
        });
        var gateway = await ChildService.StartAsync("EntraMesh.Gateway", new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__ingest__Destinations__primary__Address"] = ingest.Address.ToString(),
            ["Gateway__ApiKeys__bench__Key"] = ApiKey,
            ["Gateway__ApiKeys__bench__Roles__0"] = "imports.write",
        });
        return new Services(ingest, gateway);
    }

    sealed record Services(ChildService Ingest, ChildService Gateway) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Ingest.DisposeAsync();
        }
    }

    static string Body(string runId, int batch, int size) => JsonSerializer.Serialize(new
    {
        records = Enumerable.Range(0, size).Select(i =>
        {
            var n = batch * size + i;
            return new
            {
                eventId = $"{runId}-{n}",
                attributes = new Dictionary<string, string?>
                {
                    ["WorkerID"] = (200000 + n).ToString(CultureInfo.InvariantCulture), ["FirstName"] = "First" + n, ["LastName"] = "Last" + n,
                    ["WorkerStatus"] = "Active", ["HireDate"] = "2020-01-01", ["Department"] = "Sales", ["JobTitle"] = "Sales Executive",
                },
            };
        }),
    });

    static string Sign(string message) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(message)));

    static Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => WaitForAsync(() => Task.FromResult(condition()), timeout);

    static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the benchmark did not finish in time");
            await Task.Delay(20);
        }
    }
}
