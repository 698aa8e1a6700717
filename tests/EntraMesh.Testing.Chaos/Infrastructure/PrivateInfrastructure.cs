using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace EntraMesh.Testing.Chaos.Infrastructure;

/// <summary>
/// A PostgreSQL cluster and a RabbitMQ node of the chaos run's own, started by <c>eng/infra.sh</c> on private ports with
/// their data in a folder of their own, so that killing and restarting them touches nobody else's servers (the shared ones
/// on 5432/5672 are never named here). Local processes only (<c>ENTRAMESH_INFRA_MODE=local</c>).
/// </summary>
public sealed class PrivateInfrastructure : IAsyncDisposable
{
    public const string VirtualHost = "entramesh-chaos";

    readonly string script;
    readonly Action<string> log;

    PrivateInfrastructure(string root, string directory, PrivatePorts ports, Action<string> log)
    {
        script = Path.Combine(root, "eng", "infra.sh");
        Directory = directory;
        Ports = ports;
        this.log = log;
    }

    public string Directory { get; }
    public PrivatePorts Ports { get; }

    public string PostgresAdminConnectionString =>
        $"Host=127.0.0.1;Port={Ports.Postgres};Username=postgres;Password=postgres;Database=postgres;Timeout=5;Command Timeout=30";

    public Uri RabbitMqUri => new($"amqp://guest:guest@127.0.0.1:{Ports.Amqp}/{VirtualHost}");
    public Uri RabbitMqManagementUri => new($"http://guest:guest@127.0.0.1:{Ports.Management}/");
    public RabbitMqManagement Management => new(RabbitMqManagementUri);

    /// <summary>
    /// Starts both servers (a few seconds for RabbitMQ) and creates the virtual host the mesh uses. A start that fails is
    /// tried again, twice, on other ports in a new folder: what went wrong is logged, and only the third failure is thrown.
    /// </summary>
    public static async Task<PrivateInfrastructure> StartAsync(string root, string directory, Action<string> log, CancellationToken cancellationToken)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var folder = attempt == 1 ? directory : $"{directory}-{attempt}";
            var infrastructure = new PrivateInfrastructure(root, folder, PrivatePorts.Pick(), log);
            try
            {
                await infrastructure.RunAsync(cancellationToken, "up");
                await infrastructure.Management.CreateVirtualHostAsync(VirtualHost);
                return infrastructure;
            }
            catch (Exception error) when (attempt < attempts && error is InvalidOperationException or HttpRequestException)
            {
                log($"private infrastructure did not start (attempt {attempt} of {attempts}), trying other ports: {error.Message}");
                await infrastructure.DisposeAsync();
            }
            catch
            {
                await infrastructure.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>SIGKILLs the server, as a crash would; <see cref="StartAsync(Component, CancellationToken)"/> brings it back.</summary>
    public Task KillAsync(Component component, CancellationToken cancellationToken) => RunAsync(cancellationToken, "kill", Name(component));

    public Task StartAsync(Component component, CancellationToken cancellationToken) => RunAsync(cancellationToken, "up", Name(component));

    /// <summary>A clean stop (PostgreSQL's fast shutdown, <c>rabbitmqctl stop</c>) and a start.</summary>
    public Task RestartAsync(Component component, CancellationToken cancellationToken) => RunAsync(cancellationToken, "restart", Name(component));

    /// <summary>Waits until PostgreSQL takes connections again (after a start, crash recovery may still run).</summary>
    public async Task WaitForPostgresAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(PostgresAdminConnectionString + ";Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Also after a failed start: whatever of the two servers did come up is stopped (`down` leaves alone what is not running).
        try
        {
            await RunAsync(CancellationToken.None, "down");
        }
        catch (InvalidOperationException error)
        {
            log($"private infrastructure did not stop cleanly: {error.Message}");
        }

        try
        {
            if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a server's last files may still be closing; the folder is under the run's temporary folder
        }
    }

    static string Name(Component component) => component == Component.Postgres ? "postgres" : "rabbitmq";

    async Task RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ENTRAMESH_INFRA_MODE"] = "local";
        // Durable, as production is: without it (fsync and synchronous_commit off, the fast default of eng/infra.sh) a SIGKILL
        // of PostgreSQL loses the last commits it had already acknowledged, which no service can make up for.
        start.Environment["ENTRAMESH_PG_DURABLE"] = "1";
        start.Environment["ENTRAMESH_INFRA_DIR"] = Directory;
        start.Environment["ENTRAMESH_PG_PORT"] = Ports.Postgres.ToString(CultureInfo.InvariantCulture);
        start.Environment["ENTRAMESH_AMQP_PORT"] = Ports.Amqp.ToString(CultureInfo.InvariantCulture);
        start.Environment["ENTRAMESH_RABBITMQ_MGMT_PORT"] = Ports.Management.ToString(CultureInfo.InvariantCulture);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = (await output + await errors).Trim();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries)) log("  " + line);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/infra.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {text}");
        }
    }
}
