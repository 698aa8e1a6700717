using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Mapping.Rules.TestCases;
using Microsoft.Extensions.Options;

namespace EntraMesh.Mapping.Rules.Hosting;

/// <summary>
/// Loads the rule set named by <c>Rules:Path</c> before the service takes work, runs its test cases, and refuses to start
/// (with every error and failed test in the message) when it is invalid.
/// </summary>
internal sealed class RuleSetStartup(
    RunningRuleSet running, IOptions<RulesOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<RuleSetStartup> logger) : IHostedLifecycleService
{
    /// <summary>Runs in the starting phase, before the migrations (registered after it) touch PostgreSQL.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path!, environment.ContentRootPath);
        if (!File.Exists(path))
        {
            RulesLog.RuleSetInvalid(logger, path);
            throw new RuleSetLoadException($"Rules:Path names '{path}', which does not exist: the mapping service needs its rule set to start.");
        }

        var name = System.IO.Path.GetFileName(path);
        var validation = await RuleSetLoader.ValidateAsync(await File.ReadAllTextAsync(path, cancellationToken), name, cancellationToken);
        if (!validation.Valid)
        {
            RulesLog.RuleSetInvalid(logger, path);
            throw new RuleSetLoadException($"The rule set at Rules:Path '{path}' is invalid; the mapping service does not start.{Environment.NewLine}" +
                ValidationReport.Describe(validation, name));
        }

        var ruleSet = validation.RuleSet!;
        running.Replace(ruleSet, time.GetUtcNow());
        RulesLog.RuleSetLoaded(logger, name, ruleSet.Version, ruleSet.ContentHash[..12], ruleSet.Targets.Count, validation.Tests.Count);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
