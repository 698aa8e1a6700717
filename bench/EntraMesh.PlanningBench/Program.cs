using System.Diagnostics;
using System.Globalization;
using EntraMesh.Benchmarking;
using EntraMesh.Contracts;
using EntraMesh.PlanningBench;
using EntraMesh.Testing;

// dotnet run -c Release --project bench/EntraMesh.PlanningBench [-- --runs 3 --records 20000 --no-record]
var runs = Option("--runs", 3);
var count = Option("--records", 20_000);
var record = !args.Contains("--no-record");

await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
await using var outcomes = await ExchangeCounter.StartAsync(infrastructure.RabbitMqUri, "entramesh.identity-change-planned", "entramesh.identity-change-skipped");
await using var publisher = await RecordPublisher.StartAsync(infrastructure.RabbitMqUri);
await using var mapping = await ChildService.StartAsync("EntraMesh.Mapping", new Dictionary<string, string>
{
    ["ConnectionStrings__postgres"] = infrastructure.PostgresConnectionString,
    ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
    ["Rules__Path"] = Path.Combine(Repository.Root(), "samples", "rules", "csv2scim.yaml"),
});

// Warm-up: tiered compilation and PGO settle, connection pools fill.
var warmUp = RecordGenerator.FirstAppearances("warm-", 10_000, seed: 1);
await MeasureAsync(warmUp);
await MeasureAsync(RecordGenerator.SecondRevisions(warmUp));

var firsts = new List<double>();
var changes = new List<double>();
var cpu = new List<double>();
for (var run = 1; run <= runs; run++)
{
    var joiners = RecordGenerator.FirstAppearances($"run{run}-", count, seed: run);
    var second = RecordGenerator.SecondRevisions(joiners);
    var cpuBefore = mapping.CpuTime;
    firsts.Add(await MeasureAsync(joiners));
    changes.Add(await MeasureAsync(second));
    cpu.Add((mapping.CpuTime - cpuBefore).TotalMilliseconds / (2.0 * count / 1000));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: first appearances {firsts[^1]:N0} records/s, changes {changes[^1]:N0} records/s, mapping CPU {cpu[^1]:N0} ms per 1,000 records"));
}

var machine = $"{Machine.Describe()}, load {Machine.Load()} at the end (shared machine)";
var peak = mapping.PeakResidentBytes() / 1024.0 / 1024.0;
var met = Stats.Median(firsts) >= 2_000 && Stats.Median(changes) >= 2_000 ? "met" : "missed";
Console.WriteLine($"machine: {machine}");
Console.WriteLine($"first appearances: {Stats.Spread(firsts, "N0")} records/s; changes: {Stats.Spread(changes, "N0")} records/s; goal 2,000/s {met}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mapping CPU: {Stats.Median(cpu):N0} ms per 1,000 records; peak RSS {peak:N0} MB"));
if (record)
{
    PlanningSection.Append(string.Create(CultureInfo.InvariantCulture,
        $"| {DateTime.UtcNow:yyyy-MM-dd} | {machine} | {Machine.Commit()} | {Stats.Spread(firsts, "N0")} | {Stats.Spread(changes, "N0")} | {Stats.Median(cpu):N0} | {peak:N0} | {runs} | {met} |"));
    Console.WriteLine("appended to docs/benchmarks.md under ## Planning");
}

// Publishes the records and waits until mapping published one outcome per record; records per second, end to end.
async Task<double> MeasureAsync(IReadOnlyList<WorkerRecordAccepted> records)
{
    var expected = outcomes.Count + records.Count;
    var stopwatch = Stopwatch.StartNew();
    await publisher.PublishAsync(records);
    var deadline = DateTime.UtcNow.AddMinutes(10);
    while (outcomes.Count < expected)
    {
        if (DateTime.UtcNow > deadline) throw new TimeoutException($"{expected - outcomes.Count} outcomes missing after 10 minutes");
        await Task.Delay(20);
    }

    stopwatch.Stop();
    return records.Count / stopwatch.Elapsed.TotalSeconds;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
