namespace EntraMesh.Mapping.Reload;

/// <summary>The reloader's log lines: versions, hashes and positions in the rule set, never record values.</summary>
internal static partial class ReloadLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Rule set reloaded from {Path}: version {Version} ({Hash}) replaces version {PreviousVersion} ({PreviousHash}); {Tests} test cases passed")]
    public static partial void Applied(ILogger logger, string path, string version, string hash, string previousVersion, string previousHash, int tests);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error,
        Message = "The changed rule set at {Path} ({Hash}) is invalid and was NOT applied: {Errors} errors, {FailedTests} failed test cases, " +
                  "first at line {Line}, column {Column} ({YamlPath}); version {RunningVersion} keeps running. GET /api/rules/current lists every error")]
    public static partial void Rejected(
        ILogger logger, string path, string hash, int errors, int failedTests, int line, int column, string yamlPath, string runningVersion);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "The rule set at {Path} cannot be read ({Reason}); the running rule set stays")]
    public static partial void Unreadable(ILogger logger, string path, string reason);
}
