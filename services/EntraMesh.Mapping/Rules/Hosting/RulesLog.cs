using Microsoft.Extensions.Logging;

namespace EntraMesh.Mapping.Rules.Hosting;

internal static partial class RulesLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Running rule set {Source} version {Version} ({Hash}): {Targets} targets, {Tests} test cases passed")]
    public static partial void RuleSetLoaded(ILogger logger, string source, string version, string hash, int targets, int tests);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Critical, Message = "The rule set at Rules:Path {Path} is invalid; the service does not start")]
    public static partial void RuleSetInvalid(ILogger logger, string path);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information,
        Message = "Rule set version {Version} validated for {Principal}: {Errors} errors, {FailedTests} of {Tests} test cases failed")]
    public static partial void RuleSetValidated(ILogger logger, string? version, string principal, int errors, int failedTests, int tests);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information,
        Message = "Preview of worker {WorkerId} for {Principal} with rule set version {Version}: target {Target}")]
    public static partial void Previewed(ILogger logger, string workerId, string principal, string version, string? target);
}
