using EntraMesh.Mapping.Rules.Preview;

namespace EntraMesh.Mapping.Rules.Hosting;

public static class RulesExtensions
{
    /// <summary>
    /// The rule engine in the service: <see cref="RulesOptions"/> (validated at start), the <see cref="RunningRuleSet"/>
    /// loaded from <c>Rules:Path</c> before anything else starts, and the compile cache of candidate rule sets.
    /// </summary>
    public static IHostApplicationBuilder AddRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RulesOptions>()
            .BindConfiguration(RulesOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RunningRuleSet>();
        builder.Services.AddSingleton<RuleSetCache>();
        builder.Services.AddHostedService<RuleSetStartup>();
        return builder;
    }
}
