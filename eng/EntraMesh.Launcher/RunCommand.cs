using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Launcher.Sample;

namespace EntraMesh.Launcher;

/// <summary>What eng/run.sh does: start the mesh on its embedded defaults, play the sample, keep running until Ctrl-C.</summary>
internal static class RunCommand
{
    public static async Task<int> StartAsync(string root, string runDirectory, string configuration, bool sample)
    {
        var postgres = Required("ENTRAMESH_POSTGRES_ADMIN");
        var rabbitMq = Required("ENTRAMESH_RABBITMQ");
        var management = Required("ENTRAMESH_RABBITMQ_MANAGEMENT");
        if (postgres is null || rabbitMq is null || management is null) return 2;

        var stale = ServiceProcess.StopLeftovers(runDirectory);
        if (stale > 0) Write($"stopped {stale} service(s) left by an earlier run");

        // Not disposed: the handlers below may fire while the process exits.
        var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopping.Cancel();

        await using var mesh = MeshLauncher.Create(new MeshOptions
        {
            Root = root,
            RunDirectory = runDirectory,
            Configuration = configuration,
            PostgresAdminConnectionString = postgres,
            RabbitMqUri = new Uri(rabbitMq),
            RabbitMqManagementUri = new Uri(management),
            // The emulated tenant is in memory: every run starts EntraMesh's state afresh too.
            ResetState = true,
            GatewayPort = 8080, IngestPort = 8081, MappingPort = 8082, DispatchPort = 8083, ReconciliationPort = 8084, EmulatorPort = 8443,
        });

        try
        {
            await mesh.StartAsync(Write, stopping.Token);
            using var gateway = GatewayClient.Create(mesh.GatewayUrl, mesh.Secrets.OperatorApiKey, mesh.Secrets.WebhookSecret);
            using var emulator = new HttpClient(mesh.EmulatorTrustingHandler()) { BaseAddress = mesh.EmulatorUrl };
            if (sample) await new SampleRun(gateway, emulator, root, Write).RunAsync(stopping.Token);
            await PrintSummaryAsync(gateway, stopping.Token);
            PrintUrls(mesh, runDirectory);
            Write("running; Ctrl-C (or eng/run.sh stop) stops everything");
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Write("stopping");
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            Console.Error.WriteLine($"[run] {exception.Message}");
            Console.Error.WriteLine($"[run] logs: {Path.Combine(runDirectory, "logs")}");
            return 1;
        }

        return 0;
    }

    public static int Stop(string runDirectory)
    {
        var stopped = ServiceProcess.StopLeftovers(runDirectory);
        Write(stopped == 0 ? "nothing was running" : $"stopped {stopped} service(s)");
        return 0;
    }

    public static async Task<int> StatusAsync(string runDirectory)
    {
        var folder = Path.Combine(runDirectory, "pids");
        var pids = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.pid") : [];
        if (pids.Length == 0) Write("not running");
        foreach (var file in pids.Order()) Write($"{Path.GetFileNameWithoutExtension(file)}: pid {(await File.ReadAllTextAsync(file)).Trim()}");
        return 0;
    }

    public static int Usage()
    {
        Console.Error.WriteLine("usage: eng/run.sh [start [--no-sample] | stop | status]");
        return 2;
    }

    static async Task PrintSummaryAsync(GatewayClient gateway, CancellationToken cancellationToken)
    {
        var summary = await gateway.GetSummaryAsync(cancellationToken);
        Write("where every worker stands (reconciliation summary):");
        Write("  all workers        " + string.Join("  ", SummaryView.CountsByState(summary).Select(c => $"{c.Key} {c.Value}")));
        foreach (var line in SummaryView.ByTarget(summary)) Write("  " + line);
    }

    static void PrintUrls(MeshLauncher mesh, string runDirectory)
    {
        Write($"gateway (the only entry)   {mesh.GatewayUrl}");
        Write($"API reference              {mesh.GatewayUrl}api-reference");
        Write($"reconciliation summary     {mesh.GatewayUrl}api/reconciliation/summary   (header X-Api-Key)");
        Write("RabbitMQ management        http://127.0.0.1:15672   (guest/guest)");
        Write($"Entra emulator             {mesh.EmulatorUrl}_emulator/counters");
        Write($"operator API key and webhook secret: {Path.Combine(runDirectory, "secrets.json")}");
        Write($"logs                       {Path.Combine(runDirectory, "logs")}");
    }

    static string? Required(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value)) Console.Error.WriteLine($"[run] {variable} is not set: run through eng/run.sh (it starts eng/infra.sh and sets it).");
        return value;
    }

    static void Write(string line) => Console.WriteLine($"[run] {line}");
}
