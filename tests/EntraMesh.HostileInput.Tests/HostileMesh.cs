using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.HostileInput.Tests.Corpus;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Launcher.Sample;
using EntraMesh.Testing;

[assembly: AssemblyFixture(typeof(EntraMesh.HostileInput.Tests.HostileMesh))]

namespace EntraMesh.HostileInput.Tests;

/// <summary>
/// The mesh started once for the assembly, every service a real process (the launcher eng/run.sh uses), with the
/// gateway taking operator bearer tokens from the emulator as authority besides the API key. Microsoft's CSV2SCIM
/// sample and a generated population are imported and provisioned before any test; the corpus runs once, on demand,
/// and every test that needs its outcome awaits the same run.
/// </summary>
public sealed class HostileMesh : IAsyncLifetime
{
    public const string TokenAudience = "api://entramesh-gateway";
    public const int PopulationSize = 300;

    IsolatedInfrastructure? infrastructure;
    readonly Lazy<Task<CorpusOutcome>> corpus;

    public HostileMesh() => corpus = new Lazy<Task<CorpusOutcome>>(() => CorpusOutcome.RunAsync(this));

    public MeshLauncher Mesh { get; private set; } = null!;
    public GatewayClient Gateway { get; private set; } = null!;
    public EmulatorInspectionClient Emulator { get; private set; } = null!;
    public string RunDirectory { get; } = Path.Combine(Path.GetTempPath(), "entramesh-hostile", Guid.NewGuid().ToString("N"));

    /// <summary>Each service's process id once the mesh was ready; a crash and restart would change it.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds { get; private set; } = new Dictionary<string, int>();

    /// <summary>The sample data that went in: Microsoft's two records and the generated population.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> SampleRows { get; private set; } = [];

    public Task<CorpusOutcome> CorpusAsync() => corpus.Value;

    public async ValueTask InitializeAsync()
    {
        infrastructure = await IsolatedInfrastructure.CreateAsync();
        Mesh = MeshLauncher.Create(new MeshOptions
        {
            Root = MeshOptions.FindRoot(AppContext.BaseDirectory),
            RunDirectory = RunDirectory,
            Configuration = typeof(HostileMesh).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
            PostgresAdminConnectionString = infrastructure.Infrastructure.PostgresAdminConnectionString,
            Database = infrastructure.DatabaseName,
            RabbitMqUri = infrastructure.RabbitMqUri,
            OperatorTokenAudience = TokenAudience,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                // Every hostile request must reach the service it attacks, not stop at the gateway's rate limits.
                ["gateway"] = new Dictionary<string, string>
                {
                    ["Gateway__RateLimits__Webhooks__PermitLimit"] = "100000",
                    ["Gateway__RateLimits__Operators__PermitLimit"] = "100000",
                    // The imports route's limit follows ingest's, as a deployment that lowers Ingest:MaxImportBytes
                    // must set it (docs/reliability.md): the gateway then refuses an oversized upload itself, before
                    // streaming megabytes to an ingest that has already answered and closed the connection.
                    ["ReverseProxy__Routes__imports__MaxRequestBodySize"] = (ImportCases.MaxImportBytes + 64 * 1024).ToString(CultureInfo.InvariantCulture),
                },
                ["ingest"] = new Dictionary<string, string> { ["Ingest__MaxImportBytes"] = ImportCases.MaxImportBytes.ToString(CultureInfo.InvariantCulture) },
            },
        });
        await Mesh.StartAsync();
        ProcessIds = Mesh.Services.ToDictionary(s => s.Key, s => s.Value.ProcessId ?? 0);
        Gateway = GatewayClient.Create(Mesh.GatewayUrl, Mesh.Secrets.OperatorApiKey, Mesh.Secrets.WebhookSecret);
        Emulator = new EmulatorInspectionClient(new HttpClient(Mesh.EmulatorTrustingHandler()) { BaseAddress = Mesh.EmulatorUrl });
        await ImportSampleDataAsync();
    }

    async Task ImportSampleDataAsync()
    {
        var root = MeshOptions.FindRoot(AppContext.BaseDirectory);
        var sample = await File.ReadAllBytesAsync(Path.Combine(root, "samples", "rules", "csv2scim-sample-2-records.csv"));
        var population = new Population(PopulationSize);
        SampleRows = [.. CsvRows(sample), .. population.Rows];
        foreach (var csv in new[] { sample, population.ToCsv() })
        {
            var import = await Gateway.ImportCsvAsync(MeshLauncher.SampleSource, new MemoryStream(csv));
            var done = await Gateway.WaitForImportAsync(import, timeout: TimeSpan.FromMinutes(2));
            if ((string?)done["status"] != "Completed") throw new InvalidOperationException($"The sample import ended {done.ToJsonString()}");
        }

        await WaitForQuietAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>Waits until reconciliation shows nothing in flight for a few seconds.</summary>
    public async Task WaitForQuietAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var quietSince = DateTime.UtcNow;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var counts = SummaryView.CountsByState(await Gateway.GetSummaryAsync());
            var line = string.Join(" ", counts.Select(c => $"{c.Key}={c.Value}"));
            if (line != last || SummaryView.InFlight(counts)) quietSince = DateTime.UtcNow;
            last = line;
            if (DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(3)) return;
            await Task.Delay(500);
        }

        throw new TimeoutException($"The mesh did not settle within {timeout.TotalMinutes:0} minutes: {last}");
    }

    /// <summary>The rows of a simple CSV file (no quoted fields), as column -> value.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> CsvRows(byte[] csv)
    {
        var lines = System.Text.Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line => (IReadOnlyDictionary<string, string>)header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second));
    }

    /// <summary>The services whose process id changed or that no longer answer /health/ready.</summary>
    public async Task<List<string>> CrashedServicesAsync()
    {
        var crashed = new List<string>();
        using var http = Mesh.HealthClient();
        foreach (var (name, service) in Mesh.Services)
        {
            if (service.ProcessId != ProcessIds[name]) crashed.Add($"{name}: pid {ProcessIds[name]} is now {service.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "gone"}");
            try
            {
                using var ready = await http.GetAsync(new Uri(service.BaseUrl, "/health/ready"));
                if (!ready.IsSuccessStatusCode) crashed.Add($"{name}: /health/ready answered {(int)ready.StatusCode}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                crashed.Add($"{name}: /health/ready does not answer ({exception.Message})");
            }
        }

        return crashed;
    }

    /// <summary>Last log lines of every service, for failure messages.</summary>
    public string Logs(int lines = 30) => string.Join("\n", Mesh.Services.Values.Select(s => $"---- {s.Name}\n{s.Tail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (Mesh is not null) await Mesh.DisposeAsync();
        if (infrastructure is not null) await infrastructure.DisposeAsync();
        if (Directory.Exists(RunDirectory)) Directory.Delete(RunDirectory, recursive: true);
    }
}
