using System.Reflection;
using System.Text.Json.Nodes;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing;

[assembly: AssemblyFixture(typeof(EntraMesh.EndToEnd.Tests.MeshFixture))]

namespace EntraMesh.EndToEnd.Tests;

/// <summary>
/// The mesh started once for the whole assembly: every service as a real process (the launcher eng/run.sh uses), its
/// own database and RabbitMQ virtual host, the emulator over HTTPS with Entra's limits on.
/// </summary>
public sealed class MeshFixture : IAsyncLifetime
{
    IsolatedInfrastructure? infrastructure;
    int nextWorker;

    /// <summary>How long a change may take from the gateway to Entra's logs and back to reconciliation here.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(90);

    public MeshLauncher Mesh { get; private set; } = null!;
    public GatewayClient Gateway { get; private set; } = null!;
    public EmulatorInspectionClient Emulator { get; private set; } = null!;
    public string RunDirectory { get; } = Path.Combine(Path.GetTempPath(), "entramesh-e2e", Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        infrastructure = await IsolatedInfrastructure.CreateAsync();
        var root = MeshOptions.FindRoot(AppContext.BaseDirectory);
        Mesh = MeshLauncher.Create(new MeshOptions
        {
            Root = root,
            RunDirectory = RunDirectory,
            Configuration = typeof(MeshFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
            PostgresAdminConnectionString = infrastructure.Infrastructure.PostgresAdminConnectionString,
            Database = infrastructure.DatabaseName,
            RabbitMqUri = infrastructure.RabbitMqUri,
        });
        await Mesh.StartAsync();
        Gateway = GatewayClient.Create(Mesh.GatewayUrl, Mesh.Secrets.OperatorApiKey, Mesh.Secrets.WebhookSecret);
        Emulator = new EmulatorInspectionClient(new HttpClient(Mesh.EmulatorTrustingHandler()) { BaseAddress = Mesh.EmulatorUrl });
    }

    /// <summary>Worker ids no other test uses.</summary>
    public string NewWorkerId() => (200000 + Interlocked.Increment(ref nextWorker)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Polls reconciliation (through the gateway) until the worker satisfies <paramref name="until"/>.</summary>
    public Task<JsonNode> WaitForWorkerAsync(string workerId, Func<JsonNode, bool> until, string because, TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(
            async () => await Gateway.GetWorkerAsync(MeshLauncher.SampleSource, workerId) ?? new JsonObject(),
            worker => worker["state"] is not null && until(worker),
            timeout ?? DefaultWait,
            because)!;

    /// <summary>Logs of every service, for a failure message.</summary>
    public string Logs(int lines = 30) =>
        string.Join("\n", Mesh.Services.Values.Select(service => $"---- {service.Name}\n{service.Tail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (Mesh is not null) await Mesh.DisposeAsync();
        if (infrastructure is not null) await infrastructure.DisposeAsync();
    }
}
