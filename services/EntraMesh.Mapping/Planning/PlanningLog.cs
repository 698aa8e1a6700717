namespace EntraMesh.Mapping.Planning;

/// <summary>Planning's log lines: worker ids, targets, kinds and rule positions, never record values.</summary>
internal static partial class PlanningLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Worker {Worker} revision {Revision}: {Kind} planned for {Target}")]
    public static partial void Planned(ILogger logger, WorkerKey worker, long revision, Contracts.ChangeKind kind, string target);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Worker {Worker} revision {Revision}: skipped ({Reason})")]
    public static partial void Skipped(ILogger logger, WorkerKey worker, long revision, Contracts.SkipReason reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning,
        Message = "Worker {Worker} revision {Revision}: the rules cannot map {Attribute} for target {Target} (rule set {Version}, line {Line}, column {Column})")]
    public static partial void Invalid(ILogger logger, WorkerKey worker, long revision, string target, string attribute, string version, int line, int column);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Worker {Worker} revision {Revision}: held until {DueAt:o} ({Reason})")]
    public static partial void Held(ILogger logger, WorkerKey worker, long revision, DateTimeOffset dueAt, Holding.HoldReason reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Replay of worker {Worker} requested, but mapping has no record of that worker; nothing to plan")]
    public static partial void ReplayOfUnknownWorker(ILogger logger, WorkerKey worker);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Worker {Worker}: replaying revision {Revision}")]
    public static partial void Replaying(ILogger logger, WorkerKey worker, long revision);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning,
        Message = "Planning transaction failed on a PostgreSQL conflict ({SqlState}); attempt {Attempt} of {Attempts}, trying again")]
    public static partial void TransientConflict(ILogger logger, string sqlState, int attempt, int attempts);
}
