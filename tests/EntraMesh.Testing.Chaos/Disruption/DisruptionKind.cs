namespace EntraMesh.Testing.Chaos.Disruption;

public enum DisruptionKind
{
    /// <summary><c>kill -9</c> of one service's process, then a start after the downtime.</summary>
    KillService,

    /// <summary>RabbitMQ stopped cleanly and started again.</summary>
    RestartBroker,

    /// <summary>RabbitMQ's Erlang VM SIGKILLed, then started again.</summary>
    KillBroker,

    /// <summary>PostgreSQL stopped (fast shutdown) and started again.</summary>
    RestartDatabase,

    /// <summary>PostgreSQL's postmaster SIGKILLed (crash recovery at the next start).</summary>
    KillDatabase,

    /// <summary>The emulator answers a share of calls with 429, 5xx, timeouts or dropped connections for a while.</summary>
    EntraStorm,
}
