using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Hosting;

/// <summary>
/// The rule set the service plans with: loaded and validated at start (<see cref="RuleSetStartup"/>), then read by
/// every evaluation. Replacing it is atomic; a caller that took <see cref="Current"/> keeps a consistent rule set.
/// </summary>
public sealed class RunningRuleSet
{
    RuleSet? current;

    public bool IsLoaded => Volatile.Read(ref current) is not null;

    public RuleSet Current => Volatile.Read(ref current) ?? throw new InvalidOperationException("The rule set has not been loaded yet.");

    /// <summary>Makes <paramref name="ruleSet"/> the running rule set. Callers validate it first (<see cref="RuleSetLoader.ValidateAsync"/>).</summary>
    public void Replace(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        Volatile.Write(ref current, ruleSet);
    }
}
