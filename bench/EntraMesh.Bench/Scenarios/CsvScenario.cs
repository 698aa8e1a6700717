using System.Diagnostics;
using System.Globalization;
using EntraMesh.Bench.Infrastructure;
using EntraMesh.Bench.Measures;
using EntraMesh.Bench.Reporting;
using EntraMesh.Benchmarking;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Launcher.Sample;

namespace EntraMesh.Bench.Scenarios;

/// <summary>
/// A 100,000-row CSV2SCIM-format file uploaded through the gateway while the rest of the mesh plans and sends what it
/// accepts (Entra's limits on): time from the upload until ingest reports the import done, and ingest's peak memory.
/// </summary>
public sealed class CsvScenario : IScenario
{
    const double MegaByte = 1024 * 1024;

    public string Name => "csv";
    public string Title => "CSV import";

    public string Method =>
        "A generated 100,000-row file in Microsoft's CSV2SCIM sample format (`Population`, about 17 MB) is uploaded to `POST /api/imports`\n" +
        "through the gateway (delta mode), with the whole mesh running at Entra's limits, so mapping, dispatch and reconciliation work on the\n" +
        "rows while ingest reads them. Time: from the start of the upload until `GET /api/imports/{id}` reports it done with every row\n" +
        "accepted. Memory: ingest's peak resident set (VmHWM, reset when the upload starts). No goal is set by the issue; the ingest\n" +
        "benchmark alone (ingest and gateway only) is in `## Ingest`.";

    public IReadOnlyList<Column> Columns { get; } =
    [
        new("rows", "rows"),
        new("upload answered, s", "upload_s", "0.0"),
        new("import done, s", "import_s", "0.0"),
        new("rows/s", "rows_per_s"),
        new("ingest peak RSS, MB", "peak_mb"),
        new("ingest RSS before, MB", "rss_before_mb"),
    ];

    public async Task<RunFigures> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var size = context.Quick ? 5_000 : 100_000;
        var csv = new Population(size, seed: 1010).ToCsv();
        var load = Machine.LoadAverage();
        await using var mesh = await BenchMesh.StartAsync(context, new MeshProfile(), cancellationToken);
        BenchContext.Say($"mesh started in {mesh.StartTime.TotalSeconds:0.0} s; uploading {size:N0} rows ({csv.Length / MegaByte:0.0} MB)");

        var ingest = mesh.ProcessId("ingest") ?? throw new InvalidOperationException("ingest is not running.");
        var before = ProcessMemory.ResidentBytes(ingest);
        var reset = ProcessMemory.ResetPeak(ingest);
        using var sampling = new CancellationTokenSource();
        var sampled = SampleResidentAsync(ingest, sampling.Token);

        var cpu = mesh.SampleCpu();
        var clock = Stopwatch.StartNew();
        var id = await mesh.Gateway.ImportCsvAsync(MeshLauncher.SampleSource, new MemoryStream(csv), cancellationToken: cancellationToken);
        var answered = clock.Elapsed;
        var done = await mesh.Gateway.WaitForImportAsync(id, timeout: TimeSpan.FromMinutes(20), cancellationToken: cancellationToken);
        var elapsed = clock.Elapsed;
        var profile = cpu.Stop();
        await sampling.CancelAsync();
        var peak = Math.Max(reset ? ProcessMemory.PeakBytes(ingest) : 0, await sampled);

        var accepted = (long?)done["rowsAccepted"] ?? 0;
        if ((string?)done["status"] != "Completed" || accepted != size)
        {
            mesh.KeepLogs();
            throw new InvalidOperationException($"import {id} ended {done.ToJsonString()}; expected {size} rows accepted.");
        }

        BenchContext.Say($"import done in {elapsed.TotalSeconds:0.0} s ({size / elapsed.TotalSeconds:N0} rows/s), upload answered after " +
                         $"{answered.TotalSeconds:0.0} s; ingest RSS {before / MegaByte:N0} MB before, peak {peak / MegaByte:N0} MB" +
                         (reset ? "" : " (sampled: VmHWM could not be reset)"));
        BenchContext.Say($"CPU: {profile.Describe()}");
        return new RunFigures(new Dictionary<string, double>
        {
            ["rows"] = size,
            ["upload_s"] = answered.TotalSeconds,
            ["import_s"] = elapsed.TotalSeconds,
            ["rows_per_s"] = size / elapsed.TotalSeconds,
            ["peak_mb"] = peak / MegaByte,
            ["rss_before_mb"] = before / MegaByte,
        }, profile, load);
    }

    public IReadOnlyList<GoalCheck> Goals(Figures figures) => [];

    public string LimitedBy(Figures figures, CpuProfile cpu) => string.Create(CultureInfo.InvariantCulture,
        $"CPU: the import shares the cores with mapping, reconciliation and PostgreSQL working on the accepted rows (busiest: {cpu.Busiest(3)}; " +
        $"other processes on the machine: {cpu.Others:0.00} cores)");

    /// <summary>The largest resident size seen every 100 ms (used when the peak cannot be reset).</summary>
    static async Task<long> SampleResidentAsync(int pid, CancellationToken cancellationToken)
    {
        long most = 0;
        try
        {
            while (true)
            {
                most = Math.Max(most, ProcessMemory.ResidentBytes(pid));
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return most;
        }
    }
}
