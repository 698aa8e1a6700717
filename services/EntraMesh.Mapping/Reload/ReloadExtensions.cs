using EntraMesh.Mapping.Rules.Hosting;

namespace EntraMesh.Mapping.Reload;

public static class ReloadExtensions
{
    /// <summary>Hot reload of the rule set from <c>Rules:Path</c> every <c>Rules:ReloadInterval</c>.</summary>
    public static IHostApplicationBuilder AddRuleSetReload(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RulesOptions>()
            .Validate(o => o.ReloadInterval == TimeSpan.Zero || o.ReloadInterval >= TimeSpan.FromMilliseconds(100),
                "Rules:ReloadInterval must be 00:00:00 (hot reload off) or at least 100 ms.");
        builder.Services.AddSingleton<ReloadStatus>();
        builder.Services.AddSingleton<RuleSetReloader>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RuleSetReloader>());
        return builder;
    }

    /// <summary>GET /api/rules/current (behind the gateway).</summary>
    public static IEndpointRouteBuilder MapCurrentRuleSetApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/rules/current", CurrentRuleSetEndpoint.Handle)
            .WithTags("Rules")
            .WithName("GetCurrentRuleSet")
            .WithSummary("The rule set this replica plans with")
            .WithDescription("Answers the running rule set's version, content hash, source file, when it was loaded, the organisation's " +
                "time zone and pre-hire window, its targets, and hot reload's status: whether it is on, when Rules:Path was last read, " +
                "and the last changed file that was refused, with every error and failed test case.")
            .Produces<CurrentRuleSetResponse>();
        return app;
    }
}
