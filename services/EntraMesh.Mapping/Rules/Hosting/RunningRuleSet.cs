using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Hosting;

/// <summary>
/// The rule set the service plans with: loaded and validated at start (<see cref="RuleSetStartup"/>), replaced by the
/// reloader when its file changes to a valid rule set, and read by every evaluation. Replacing it is atomic; a caller
/// that took <see cref="Current"/> keeps a consistent rule set.
/// </summary>
public sealed class RunningRuleSet
{
    LoadedRuleSet? current;

    public bool IsLoaded => Volatile.Read(ref current) is not null;

    public RuleSet Current => Volatile.Read(ref current)?.RuleSet ?? throw new InvalidOperationException("The rule set has not been loaded yet.");

    /// <summary>When the running rule set was loaded (at start or by a reload).</summary>
    public DateTimeOffset? LoadedAt => Volatile.Read(ref current)?.At;

    /// <summary>Makes <paramref name="ruleSet"/> the running rule set. Callers validate it first (<see cref="RuleSetLoader.ValidateAsync"/>).</summary>
    public void Replace(RuleSet ruleSet) => Replace(ruleSet, DateTimeOffset.UtcNow);

    public void Replace(RuleSet ruleSet, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        Volatile.Write(ref current, new LoadedRuleSet(ruleSet, loadedAt));
    }
}
