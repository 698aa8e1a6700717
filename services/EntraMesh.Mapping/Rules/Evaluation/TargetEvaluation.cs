using System.Text.Json.Nodes;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>
/// The outcome of one record for one target. Only the selected target (the first whose filters take the record)
/// carries data: the SCIM <c>data</c> object exactly as dispatch sends it, <c>active</c>, the OU, or the rule error.
/// </summary>
public sealed class TargetEvaluation
{
    public required RuleTarget Target { get; init; }

    public string Name => Target.Name;

    public TargetKind Kind => Target.Kind;

    /// <summary>The target's own filters take the record (an earlier target may still have taken it first).</summary>
    public required bool InScope { get; init; }

    /// <summary>This is the worker's target: the first target in file order whose filters take the record.</summary>
    public bool Selected { get; init; }

    /// <summary>The name of the filter that took the record.</summary>
    public string? Filter { get; init; }

    /// <summary>The bulk operation's <c>data</c>; null when not selected or when a rule failed.</summary>
    public JsonObject? Data { get; init; }

    public bool? Active { get; init; }

    public string? ParentDistinguishedName { get; init; }

    public RuleError? Error { get; init; }

    /// <summary>Every value with its expression and filter; empty unless the evaluation was asked to explain.</summary>
    public IReadOnlyList<ValueProvenance> Values { get; init; } = [];

    /// <summary>Attributes in <see cref="Data"/> whose mapping applies only when the object is created.</summary>
    public IReadOnlyList<string> CreationOnlyAttributes { get; init; } = [];

    /// <summary>Attributes in <see cref="Data"/> computed through Redact: never show or log their values.</summary>
    public IReadOnlyList<string> RedactedAttributes { get; init; } = [];
}
