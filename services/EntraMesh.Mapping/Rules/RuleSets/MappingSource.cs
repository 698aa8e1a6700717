namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>Entra's three mapping types.</summary>
public enum MappingSource
{
    /// <summary>One source attribute as it is: <c>attribute: WorkerID</c> or the expression <c>[WorkerID]</c>.</summary>
    Direct,

    /// <summary>A fixed value: <c>constant: work</c>.</summary>
    Constant,

    /// <summary>An expression of Entra's language.</summary>
    Expression,
}
