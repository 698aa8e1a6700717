using EntraMesh.Mapping.Rules.Scoping;

namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>
/// A provisioning target by name (dispatch maps the name to a tenant, service principal and job; endpoints and
/// credentials never live in rules): its kind, scoping filters, mappings, the expression that decides <c>active</c>
/// and, on-premises, the one that picks the OU.
/// </summary>
public sealed class RuleTarget
{
    public required string Name { get; init; }

    public required TargetKind Kind { get; init; }

    public required Scope Scope { get; init; }

    /// <summary>The mappings in file order (externalId among them when the rule set maps it).</summary>
    public required IReadOnlyList<AttributeMapping> Mappings { get; init; }

    /// <summary>Decides SCIM <c>active</c>; absent means active unless the record says terminated.</summary>
    public LocatedExpression? Active { get; init; }

    /// <summary>On-premises only: the OU, sent as parentDistinguishedName in EntraMesh's extension namespace.</summary>
    public LocatedExpression? ParentDistinguishedName { get; init; }

    public SourcePosition Position { get; init; }

    /// <summary>Some mapping needs the caller's uniqueness check (a top-level SelectUniqueValue).</summary>
    public bool SelectsUniqueValues => Mappings.Any(m => m.Source.Expression.SelectsUniqueValue);

    public override string ToString() => $"{Name} ({Kind})";
}
