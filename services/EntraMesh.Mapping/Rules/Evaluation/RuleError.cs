using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>
/// Why a record could not be mapped for a target: the attribute, the expression and the place in the rule set. The
/// message may quote the record's values: show it to operators, do not log it (log the attribute and position).
/// </summary>
public sealed record RuleError(string Target, string Attribute, string Expression, SourcePosition Position, string Message)
{
    public override string ToString() => $"{Target}: {Attribute} (line {Position.Line}, column {Position.Column}): {Message}";
}
