using System.Security.Cryptography;
using System.Text;
using EntraMesh.Mapping.Rules.Hosting;
using EntraMesh.Mapping.Rules.RuleSets;
using Microsoft.Extensions.Options;

namespace EntraMesh.Mapping.Reload;

/// <summary>
/// Hot reload: every <see cref="RulesOptions.ReloadInterval"/> reads the file at <c>Rules:Path</c> and compares its content
/// hash with the running rule set's. A changed file is validated - test cases included - and replaces the running rule set
/// only when valid; records planned from then on use it (a batch already being planned finishes with the one it started
/// with). An invalid file is logged once (positions only), counted, kept in <see cref="ReloadStatus"/>, and the running
/// rule set stays. Reading the path each time follows symlinks, so a Kubernetes ConfigMap update is seen.
/// </summary>
public sealed class RuleSetReloader(
    RunningRuleSet running, ReloadStatus status, MappingMetrics metrics, IOptions<RulesOptions> options, IHostEnvironment environment,
    TimeProvider time, ILogger<RuleSetReloader> logger) : BackgroundService
{
    string? unreadable;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ReloadInterval;
        if (interval == TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await CheckAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the file once; applies it when it changed and is valid. Returns true when it replaced the running rule set.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.Value.Path!, environment.ContentRootPath);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A ConfigMap swap or an editor may leave the path missing for a moment; say so once per kind of failure.
            if (unreadable != error.GetType().Name) ReloadLog.Unreadable(logger, path, error.GetType().Name);
            unreadable = error.GetType().Name;
            return false;
        }

        unreadable = null;
        status.Checked(time.GetUtcNow());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var current = running.Current;
        if (hash == current.ContentHash || hash == status.LastRejected?.ContentHash) return false;

        var validation = await RuleSetLoader.ValidateAsync(text, Path.GetFileName(path), cancellationToken);
        if (!validation.Valid)
        {
            var failed = validation.Tests.Where(t => !t.Passed).Select(t => t.Name).ToList();
            status.Rejected(new RejectedRuleSet(hash, validation.RuleSet?.Version, time.GetUtcNow(), validation.Errors, failed));
            metrics.RuleSetReloaded(applied: false);
            var first = validation.Errors.Count > 0
                ? (validation.Errors[0].Line, validation.Errors[0].Column, validation.Errors[0].Path)
                : validation.Tests.Where(t => !t.Passed).Select(t => (t.Position.Line, t.Position.Column, "tests")).First();
            ReloadLog.Rejected(logger, path, hash[..12], validation.Errors.Count, failed.Count, first.Item1, first.Item2, first.Item3, current.Version);
            return false;
        }

        var ruleSet = validation.RuleSet!;
        running.Replace(ruleSet, time.GetUtcNow());
        metrics.RuleSetReloaded(applied: true);
        ReloadLog.Applied(logger, path, ruleSet.Version, hash[..12], current.Version, current.ContentHash[..12], validation.Tests.Count);
        return true;
    }
}
