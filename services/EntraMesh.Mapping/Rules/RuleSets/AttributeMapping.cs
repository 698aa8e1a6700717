namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>One SCIM attribute and the expression (direct, constant or full expression) that fills it.</summary>
public sealed record AttributeMapping(ScimPath Target, LocatedExpression Source, MappingSource Kind)
{
    /// <summary>
    /// Entra's "apply this mapping only during object creation" (typically userName through SelectUniqueValue):
    /// the planner sends it for joiners and rehires only.
    /// </summary>
    public bool CreationOnly { get; init; }
}
