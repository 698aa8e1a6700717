using EntraMesh.Mapping.Rules.Expressions;

namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>How to evaluate one record: clock and randomness, the uniqueness check, and whether to explain each value.</summary>
public sealed record EvaluationOptions
{
    public static EvaluationOptions Default { get; } = new();

    public EvaluationEnvironment Environment { get; init; } = EvaluationEnvironment.Default;

    /// <summary>
    /// Consulted by SelectUniqueValue, rule by rule, until a value is free. Without one every value counts as free
    /// (the first rule that yields a value wins), which is what a preview without a directory can show.
    /// </summary>
    public UniqueValueCheck? IsUnique { get; init; }

    /// <summary>Record, for every value, the expression and filter that produced it (previews, test cases).</summary>
    public bool Explain { get; init; }
}
