using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;
using Npgsql;

namespace EntraMesh.Bench.Infrastructure;

/// <summary>
/// One run's mesh: every service as a real process (the launcher eng/run.sh uses), on a PostgreSQL database and a
/// RabbitMQ virtual host of its own, dropped afterwards. The run folder (logs) is kept when the run failed.
/// </summary>
public sealed class BenchMesh : IAsyncDisposable
{
    readonly InfrastructureSettings infrastructure;
    readonly string virtualHost;
    bool keepRunDirectory;

    BenchMesh(InfrastructureSettings infrastructure, MeshLauncher mesh, string database, string virtualHost, string runDirectory)
    {
        this.infrastructure = infrastructure;
        Mesh = mesh;
        Database = database;
        this.virtualHost = virtualHost;
        RunDirectory = runDirectory;
        RabbitMqUri = infrastructure.RabbitMqFor(virtualHost);
        Gateway = GatewayClient.Create(mesh.GatewayUrl, mesh.Secrets.OperatorApiKey, mesh.Secrets.WebhookSecret);
        Emulator = new EmulatorInspectionClient(new HttpClient(mesh.EmulatorTrustingHandler()) { BaseAddress = mesh.EmulatorUrl, Timeout = TimeSpan.FromMinutes(2) });
    }

    public MeshLauncher Mesh { get; }
    public GatewayClient Gateway { get; }
    public EmulatorInspectionClient Emulator { get; }
    public string Database { get; }
    public Uri RabbitMqUri { get; }
    public string RunDirectory { get; }
    public TimeSpan StartTime { get; private set; }

    /// <summary>The mesh's database (every service's schema), for read-only probes.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdmin) { Database = Database }.ConnectionString;

    public static async Task<BenchMesh> StartAsync(BenchContext context, MeshProfile profile, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var database = $"bench_mesh_{id}";
        var virtualHost = $"bench-mesh-{id}";
        var runDirectory = Path.Combine(Path.GetTempPath(), "entramesh-bench", id);
        var infrastructure = context.Infrastructure;
        var launcher = MeshLauncher.Create(new MeshOptions
        {
            Root = context.Root,
            RunDirectory = runDirectory,
            Configuration = context.Configuration,
            PostgresAdminConnectionString = infrastructure.PostgresAdmin,
            Database = database,
            RabbitMqUri = infrastructure.RabbitMqFor(virtualHost),
            RabbitMqManagementUri = infrastructure.RabbitMqManagement,
            ResetState = true,
            EmulatorLimits = profile.EntraLimits,
            Environment = "Production",
            Settings = profile.Settings(),
        });

        var mesh = new BenchMesh(infrastructure, launcher, database, virtualHost, runDirectory);
        var started = Stopwatch.StartNew();
        try
        {
            await launcher.StartAsync(cancellationToken: cancellationToken);
        }
        catch
        {
            mesh.keepRunDirectory = true;
            await mesh.DisposeAsync();
            throw;
        }

        mesh.StartTime = started.Elapsed;
        return mesh;
    }

    /// <summary>The pid of a service's process (gateway, ingest, mapping, dispatch, reconciliation, emulator).</summary>
    public int? ProcessId(string service) => Mesh.Services.TryGetValue(service, out var process) ? process.ProcessId : null;

    /// <summary>Pid to service name of every running service, for <see cref="Measures.CpuSampler"/>.</summary>
    public IReadOnlyDictionary<int, string> ServiceProcesses() =>
        Mesh.Services.Values.Where(s => s.ProcessId is not null).ToDictionary(s => s.ProcessId!.Value, s => s.Name);

    /// <summary>Starts sampling where the CPU goes (the services, this mesh's PostgreSQL backends, the rest).</summary>
    public Measures.CpuSampler SampleCpu() => Measures.CpuSampler.Start(ServiceProcesses(), Database);

    /// <summary>Keep the logs (the run failed).</summary>
    public void KeepLogs() => keepRunDirectory = true;

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        Emulator.Http.Dispose();
        await Mesh.StopAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(infrastructure.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        using (var management = ManagementClient(infrastructure.RabbitMqManagement))
        using (await management.DeleteAsync($"vhosts/{Uri.EscapeDataString(virtualHost)}"))
        {
        }

        if (keepRunDirectory) Console.WriteLine($"  logs kept in {Path.Combine(RunDirectory, "logs")}");
        else if (Directory.Exists(RunDirectory)) Directory.Delete(RunDirectory, recursive: true);
    }

    /// <summary>RabbitMQ's management API with the credentials of its URI.</summary>
    public static HttpClient ManagementClient(Uri management)
    {
        var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        return http;
    }

    /// <summary>Messages waiting or unacknowledged in the named queues of the mesh's virtual host (every queue when none is named).</summary>
    public async Task<long> MessagesInQueuesAsync(CancellationToken cancellationToken, params string[] names)
    {
        using var management = ManagementClient(infrastructure.RabbitMqManagement);
        var queues = System.Text.Json.Nodes.JsonNode.Parse(
            await management.GetStringAsync($"queues/{Uri.EscapeDataString(virtualHost)}?columns=name,messages", cancellationToken))?.AsArray() ?? [];
        return queues.Where(queue => names.Length == 0 || names.Contains((string?)queue?["name"])).Sum(queue => (long?)queue?["messages"] ?? 0);
    }
}
