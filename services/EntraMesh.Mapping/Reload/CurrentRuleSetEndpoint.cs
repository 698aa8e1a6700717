using EntraMesh.Mapping.Rules.Hosting;
using EntraMesh.Mapping.Rules.Preview;
using Microsoft.Extensions.Options;

namespace EntraMesh.Mapping.Reload;

/// <summary>GET /api/rules/current: the running rule set's version, hash, targets and reload status.</summary>
internal static class CurrentRuleSetEndpoint
{
    public static Microsoft.AspNetCore.Http.HttpResults.Ok<CurrentRuleSetResponse> Handle(
        RunningRuleSet running, ReloadStatus status, IOptions<RulesOptions> options)
    {
        var ruleSet = running.Current;
        var rejected = status.LastRejected;
        return TypedResults.Ok(new CurrentRuleSetResponse
        {
            Version = ruleSet.Version,
            Description = ruleSet.Description,
            Source = ruleSet.SourceName,
            ContentHash = ruleSet.ContentHash,
            LoadedAt = running.LoadedAt,
            TimeZone = ruleSet.Organisation.TimeZone.Id,
            PreHireWindow = ruleSet.Organisation.PreHireWindow,
            Targets = ruleSet.Targets
                .Select(t => new TargetSummaryResponse(t.Name, t.Kind, t.Scope.Filters.Select(f => f.Name).ToList(), t.Mappings.Count))
                .ToList(),
            Reload = new ReloadStatusResponse
            {
                Enabled = options.Value.ReloadInterval > TimeSpan.Zero,
                Interval = options.Value.ReloadInterval,
                LastCheckedAt = status.LastCheckedAt,
                LastRejected = rejected is null ? null : new RejectedRuleSetResponse(
                    rejected.ContentHash, rejected.Version, rejected.RejectedAt,
                    rejected.Errors.Select(e => new RuleSetErrorResponse(e.Line, e.Column, e.Path, e.Message)).ToList(),
                    rejected.FailedTests),
            },
        });
    }
}
