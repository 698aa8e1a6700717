namespace EntraMesh.Testing.Chaos;

/// <summary>
/// One chaos scenario: how big the population is, how much HR traffic flows and for how long, how often the chaos
/// schedule strikes and how long the mesh gets to settle. <see cref="Reduced"/> is the CI run (about 3 minutes on a shared
/// 2-core machine), <see cref="Full"/> the bench scenario.
/// </summary>
public sealed record ChaosOptions
{
    /// <summary>The repository (holds EntraMesh.sln).</summary>
    public required string Root { get; init; }

    /// <summary>Build configuration whose service outputs run (Debug in tests, Release in the bench).</summary>
    public required string Configuration { get; init; }

    /// <summary>Private infrastructure, mesh logs and state live here; deleted at the end unless the run failed.</summary>
    public string RunDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "entramesh-chaos", Guid.NewGuid().ToString("N"));

    public int Workers { get; init; } = 300;

    public int Seed { get; init; } = 2026;

    /// <summary>How long the steady load (and the chaos schedule) lasts after the initial import.</summary>
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(80);

    public double WebhooksPerSecond { get; init; } = 5;

    public int MaxRecordsPerWebhook { get; init; } = 6;

    /// <summary>Webhooks in flight at once (each retried until it gets a definite answer).</summary>
    public int Senders { get; init; } = 6;

    public TimeSpan ImportInterval { get; init; } = TimeSpan.FromSeconds(20);

    public int ImportRows { get; init; } = 40;

    /// <summary>How many times the schedule goes through every service, the broker, the database and the storms.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>How long a killed service stays down before it is started again.</summary>
    public TimeSpan Downtime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an emulator fault storm lasts.</summary>
    public TimeSpan StormDuration { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>After the load, how long the mesh may take to finish everything.</summary>
    public TimeSpan QuiescenceTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>How often reconciliation and the emulator's directory are sampled for states going backwards.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(2);

    public static ChaosOptions Reduced(string root, string configuration) => new() { Root = root, Configuration = configuration };

    public static ChaosOptions Full(string root, string configuration) => new()
    {
        Root = root,
        Configuration = configuration,
        Workers = 2000,
        LoadDuration = TimeSpan.FromMinutes(8),
        WebhooksPerSecond = 10,
        MaxRecordsPerWebhook = 10,
        Senders = 10,
        ImportInterval = TimeSpan.FromSeconds(30),
        ImportRows = 200,
        Rounds = 2,
        Downtime = TimeSpan.FromSeconds(5),
        StormDuration = TimeSpan.FromSeconds(15),
        QuiescenceTimeout = TimeSpan.FromMinutes(10),
        SampleInterval = TimeSpan.FromSeconds(3),
    };
}
