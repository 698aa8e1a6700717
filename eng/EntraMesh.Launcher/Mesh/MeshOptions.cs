namespace EntraMesh.Launcher.Mesh;

/// <summary>Where and how the mesh runs. Ports of 0 are picked free at start.</summary>
public sealed record MeshOptions
{
    /// <summary>The repository (holds EntraMesh.sln, services/, samples/).</summary>
    public required string Root { get; init; }

    /// <summary>Logs, pid files, generated secrets and the emulator's state live here.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The build configuration whose service outputs are started (Debug or Release).</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>Admin connection string of the PostgreSQL server; the services use <see cref="Database"/> on it.</summary>
    public required string PostgresAdminConnectionString { get; init; }

    public string Database { get; init; } = "entramesh";

    /// <summary>amqp:// URI including the virtual host.</summary>
    public required Uri RabbitMqUri { get; init; }

    public int GatewayPort { get; init; }
    public int IngestPort { get; init; }
    public int MappingPort { get; init; }
    public int DispatchPort { get; init; }
    public int ReconciliationPort { get; init; }
    public int EmulatorPort { get; init; }

    /// <summary>ASP.NET Core environment of the services.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>The emulator enforces Entra's limits (50 operations, 40 calls per 5 s, daily budget).</summary>
    public bool EmulatorLimits { get; init; } = true;

    /// <summary>Rule set mapping runs with; default samples/rules/csv2scim.yaml.</summary>
    public string? RulesPath { get; init; }

    /// <summary>
    /// When set, the gateway also takes operator bearer tokens with this audience from the emulator as OpenID Connect
    /// authority (<c>{emulator}/{tenant}/v2.0</c>, its certificate pinned by thumbprint), besides the API key. The emulator
    /// issues tokens only for Graph; a test mints tokens for this audience with the emulator's signing key
    /// (<see cref="MeshLauncher.EmulatorSigningKeyPath"/>).
    /// </summary>
    public string? OperatorTokenAudience { get; init; }

    /// <summary>Extra settings per service name (gateway, ingest, mapping, dispatch, reconciliation, emulator).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Settings { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>
    /// Start from nothing: drop and re-create the database and the RabbitMQ virtual host (needs
    /// <see cref="RabbitMqManagementUri"/>). The emulated tenant lives in memory, so a run that kept EntraMesh's state
    /// would plan against users the new emulator no longer has.
    /// </summary>
    public bool ResetState { get; init; }

    /// <summary>RabbitMQ's management API (http://user:password@host:15672/), for <see cref="ResetState"/>.</summary>
    public Uri? RabbitMqManagementUri { get; init; }

    public static string FindRoot(string from)
    {
        var directory = new DirectoryInfo(from);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EntraMesh.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"EntraMesh.sln not found above {from}");
    }
}
