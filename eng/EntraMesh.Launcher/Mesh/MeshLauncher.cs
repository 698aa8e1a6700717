using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace EntraMesh.Launcher.Mesh;

/// <summary>
/// The whole mesh as real processes: the Entra emulator (HTTPS, as both provisioning targets) and gateway, ingest,
/// mapping, dispatch and reconciliation, wired together through one PostgreSQL database (a schema each) and one
/// RabbitMQ virtual host. Development secrets are generated per run folder; nothing secret is read from the repository.
/// </summary>
public sealed class MeshLauncher : IAsyncDisposable
{
    public const string SampleSource = "hr-csv";

    readonly MeshOptions options;
    readonly Dictionary<string, ServiceProcess> services = new(StringComparer.Ordinal);

    MeshLauncher(MeshOptions options, MeshSecrets secrets, Ports ports)
    {
        this.options = options;
        Secrets = secrets;
        PortsInUse = ports;
    }

    public MeshSecrets Secrets { get; }
    public Ports PortsInUse { get; }
    public Uri GatewayUrl => new($"http://127.0.0.1:{PortsInUse.Gateway}");
    public Uri ReconciliationUrl => new($"http://127.0.0.1:{PortsInUse.Reconciliation}");
    public Uri EmulatorUrl => new($"https://127.0.0.1:{PortsInUse.Emulator}");
    public string EmulatorStateDirectory => Path.Combine(options.RunDirectory, "emulator");
    public string EmulatorCertificatePath => Path.Combine(EmulatorStateDirectory, "emulator-cert.pem");

    /// <summary>The key the emulator signs access tokens with (private; docs/entra-emulator.md, "The state folder").</summary>
    public string EmulatorSigningKeyPath => Path.Combine(EmulatorStateDirectory, "token-signing-key.pem");

    /// <summary>The OpenID Connect authority of the emulated tenant, as the gateway uses it with <see cref="MeshOptions.OperatorTokenAudience"/>.</summary>
    public Uri EmulatorOidcAuthority => new($"{EmulatorUrl}{EmulatorTenant.TenantId}/v2.0");
    public IReadOnlyDictionary<string, ServiceProcess> Services => services;

    /// <summary>Service names in start order; the gateway comes last, when everything it routes to is ready.</summary>
    public static readonly string[] ServiceNames = ["emulator", "ingest", "mapping", "dispatch", "reconciliation", "gateway"];

    public sealed record Ports(int Gateway, int Ingest, int Mapping, int Dispatch, int Reconciliation, int Emulator);

    public static MeshLauncher Create(MeshOptions options)
    {
        var picked = new List<int>();
        int Pick(int port)
        {
            if (port == 0) port = FreePorts.Next(picked);
            picked.Add(port);
            return port;
        }

        var ports = new Ports(Pick(options.GatewayPort), Pick(options.IngestPort), Pick(options.MappingPort),
            Pick(options.DispatchPort), Pick(options.ReconciliationPort), Pick(options.EmulatorPort));
        return new MeshLauncher(options, MeshSecrets.LoadOrCreate(options.RunDirectory), ports);
    }

    /// <summary>Starts every service and waits until each one's /health/ready answers.</summary>
    public async Task StartAsync(Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        foreach (var (name, port) in Named())
        {
            if (FreePorts.IsTaken(port)) throw new InvalidOperationException($"Port {port} for {name} is taken by another process.");
        }

        await EnsureDatabaseAsync(cancellationToken);
        foreach (var name in ServiceNames)
        {
            var service = Create(name);
            services[name] = service;
            service.Start();
            progress?.Invoke($"starting {name} on {service.BaseUrl}");
            await service.WaitReadyAsync(HealthClient(), TimeSpan.FromSeconds(90), cancellationToken);
            progress?.Invoke($"{name} ready");
        }
    }

    /// <summary>SIGKILL one service, as a crash would.</summary>
    public void Kill(string name) => services[name].Kill();

    /// <summary>Starts a service again (after <see cref="Kill"/>) and waits until it is ready.</summary>
    public Task RestartAsync(string name, CancellationToken cancellationToken = default) =>
        RestartAsync(name, new Dictionary<string, string>(), cancellationToken);

    /// <summary>
    /// Starts a service again with <paramref name="settings"/> (environment variables) over its usual ones, e.g. a benchmark
    /// holding dispatch's sending while a backlog builds. The next restart without settings starts it as usual.
    /// </summary>
    public async Task RestartAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        services[name].Kill();
        var service = Create(name, settings);
        services[name] = service;
        service.Start();
        await service.WaitReadyAsync(HealthClient(), TimeSpan.FromSeconds(90), cancellationToken);
    }

    public async Task StopAsync()
    {
        foreach (var name in ServiceNames.Reverse())
        {
            if (services.TryGetValue(name, out var service)) await service.StopAsync(TimeSpan.FromSeconds(15));
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>An HttpClient that trusts the emulator's self-signed certificate (and nothing else unusual).</summary>
    public HttpClient HealthClient() => new(EmulatorTrustingHandler()) { Timeout = TimeSpan.FromSeconds(5) };

    public HttpMessageHandler EmulatorTrustingHandler()
    {
        var certificatePath = EmulatorCertificatePath;
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || (certificate is not null && IsEmulatorCertificate(certificatePath, certificate)),
            },
        };
    }

    /// <summary>The certificate the emulator wrote to its state folder (public part only, PEM).</summary>
    static bool IsEmulatorCertificate(string certificatePath, X509Certificate presented)
    {
        if (!File.Exists(certificatePath)) return false;
        using var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        return pinned.RawDataMemory.Span.SequenceEqual(presented.GetRawCertData());
    }

    IEnumerable<(string Name, int Port)> Named() =>
    [
        ("gateway", PortsInUse.Gateway), ("ingest", PortsInUse.Ingest), ("mapping", PortsInUse.Mapping),
        ("dispatch", PortsInUse.Dispatch), ("reconciliation", PortsInUse.Reconciliation), ("emulator", PortsInUse.Emulator),
    ];

    ServiceProcess Create(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var project = name switch
        {
            "emulator" => "EntraMesh.EntraEmulator",
            _ => "EntraMesh." + char.ToUpperInvariant(name[0]) + name[1..],
        };
        var dll = Path.Combine(options.Root, "services", project, "bin", options.Configuration, "net10.0", project + ".dll");
        var port = Named().Single(n => n.Name == name).Port;
        var baseUrl = name == "emulator" ? EmulatorUrl : new Uri($"http://127.0.0.1:{port}");
        var environment = MeshEnvironment.For(name, this, options, baseUrl);
        if (options.Settings.TryGetValue(name, out var extra))
        {
            foreach (var (key, value) in extra) environment[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;

        return new ServiceProcess(name, dll, baseUrl, environment, options.RunDirectory);
    }

    async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.PostgresAdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (options.ResetState)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{options.Database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await VirtualHost.RecreateAsync(options.RabbitMqManagementUri
                ?? throw new InvalidOperationException("ResetState needs RabbitMqManagementUri."), options.RabbitMqUri, cancellationToken);
            var spool = Path.Combine(options.RunDirectory, "ingest");
            if (Directory.Exists(spool)) Directory.Delete(spool, recursive: true);
        }

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", options.Database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{options.Database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal string ServicePostgresConnectionString() =>
        new NpgsqlConnectionStringBuilder(options.PostgresAdminConnectionString) { Database = options.Database }.ConnectionString;
}
