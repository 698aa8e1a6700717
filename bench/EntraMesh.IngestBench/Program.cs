using System.Globalization;
using EntraMesh.Benchmarking;
using EntraMesh.IngestBench;
using EntraMesh.Testing;

// dotnet run -c Release --project bench/EntraMesh.IngestBench [-- --runs 3 --records 20000 --rows 100000 --no-record]
var runs = Option("--runs", 3);
var records = Option("--records", 20_000);
var rows = Option("--rows", 100_000);
var record = !args.Contains("--no-record");

await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
await using var published = await ExchangeCounter.StartAsync(infrastructure.RabbitMqUri, "entramesh.worker-record-accepted");
var benchmark = new IngestBenchmark(infrastructure, published);
var throughput = new List<double>();
var csvSeconds = new List<double>();
var peaks = new List<double>();
for (var run = 1; run <= runs; run++)
{
    throughput.Add(await benchmark.WebhooksAsync(records, batchSize: 100, concurrency: 8));
    var (seconds, peak) = await benchmark.CsvAsync(rows);
    csvSeconds.Add(seconds);
    peaks.Add(peak / 1024.0 / 1024.0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: webhooks {throughput[^1]:0} records/s; CSV {rows} rows in {seconds:0.0} s, ingest peak RSS {peaks[^1]:0} MB"));
}

var machine = $"{Machine.Describe()}, load {Machine.Load()} at the end (shared machine)";
Console.WriteLine($"machine: {machine}");
Console.WriteLine($"webhooks (batches of 100, {records} records per run): {Stats.Spread(throughput, "0")} records/s — goal ≥ 2000");
Console.WriteLine($"CSV ({rows} rows): {Stats.Spread(csvSeconds, "0.0")} s — goal < 60 s; peak RSS max {peaks.Max():0} MB — goal < 300 MB");
if (record)
{
    IngestSection.Append(string.Create(CultureInfo.InvariantCulture,
        $"| {DateTime.UtcNow:yyyy-MM-dd} | {machine} | {Machine.Commit()} | {Stats.Spread(throughput, "0")} | {Stats.Spread(csvSeconds, "0.0")} | {peaks.Max():0} | {runs} |"));
    Console.WriteLine("appended to docs/benchmarks.md under ## Ingest");
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
