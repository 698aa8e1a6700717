using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Hosting;

/// <summary>A rule set and when it started running.</summary>
internal sealed record LoadedRuleSet(RuleSet RuleSet, DateTimeOffset At);
