using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net;
using EntraMesh.Benchmarking;

namespace EntraMesh.EmulatorBench;

/// <summary>A closed loop: each client posts the next pre-built body as soon as its previous call answered.</summary>
public static class LoadRun
{
    public static async Task<RunResult> ExecuteAsync(BenchEmulator emulator, Workload workload, int concurrency, TimeSpan duration, bool warmup)
    {
        var load = Machine.Load();
        var before = await emulator.Inspection.GetCountersAsync();
        var next = -1;
        var errors = 0;
        var latencies = new List<double>[concurrency];
        var clients = Enumerable.Range(0, concurrency).Select(_ => emulator.CreateHttpClient()).ToArray();
        var url = emulator.BulkUploadUrl;
        var watch = Stopwatch.StartNew();
        var stopAt = duration;

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (watch.Elapsed < stopAt)
            {
                var body = workload.Bodies[(int)((uint)Interlocked.Increment(ref next) % workload.Bodies.Count)];
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);
                var started = Stopwatch.GetTimestamp();
                using var response = await clients[worker].SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Accepted) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else Interlocked.Increment(ref errors);
            }
        })));

        var elapsed = watch.Elapsed;
        var drain = Stopwatch.StartNew();
        var after = await emulator.Inspection.WaitUntilProcessedAsync(TimeSpan.FromMinutes(5));
        var drained = drain.Elapsed;
        foreach (var client in clients) client.Dispose();

        var all = latencies.SelectMany(list => list).Order().ToArray();
        var processed = after.Operations.Processed - before.Operations.Processed;
        return new RunResult(
            all.Length / elapsed.TotalSeconds, all.Length, errors,
            Percentile(all, 0.50), Percentile(all, 0.99),
            processed / (elapsed + drained).TotalSeconds, drained, load);
    }

    static double Percentile(double[] sorted, double share) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(share * sorted.Length))];
}
