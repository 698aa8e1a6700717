namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>The outcome of compiling an expression: the expression, or every error found with its position.</summary>
public sealed record ExpressionCompilation(RuleExpression? Expression, IReadOnlyList<ExpressionError> Errors)
{
    public bool Succeeded => Expression is not null;
}
