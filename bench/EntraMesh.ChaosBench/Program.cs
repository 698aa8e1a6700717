using EntraMesh.ChaosBench;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing.Chaos;
using EntraMesh.Testing.Chaos.Reporting;

// The full chaos run on private RabbitMQ and PostgreSQL instances (eng/infra.sh on other ports; the shared ones are not
// touched). Arguments: "reduced" runs the CI scenario instead, "record" writes the result to docs/reliability.md.
var root = MeshOptions.FindRoot(AppContext.BaseDirectory);
var reduced = args.Contains("reduced", StringComparer.OrdinalIgnoreCase);
var record = args.Contains("record", StringComparer.OrdinalIgnoreCase);
var configuration = MachineInfo.Configuration();
var options = reduced ? ChaosOptions.Reduced(root, configuration) : ChaosOptions.Full(root, configuration);
var machine = MachineInfo.Describe();
var loadBefore = MachineInfo.Load();
Console.WriteLine($"machine: {machine}; load average {loadBefore}; commit {MachineInfo.Commit()}; {(reduced ? "reduced" : "full")} scenario");

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var report = await new ChaosRun(options, line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}")).RunAsync(cancel.Token);
Console.WriteLine(ReportText.Describe(report));
if (record)
{
    var file = Path.Combine(root, "docs", "reliability.md");
    var run = new RecordedRun(reduced ? "reduced" : "full", machine, $"{loadBefore} before, {MachineInfo.Load()} after", MachineInfo.Commit());
    ReliabilityDocument.WriteChaos(file, report, run);
    Console.WriteLine($"written to {file}");
}

return report.Passed ? 0 : 1;
