using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>An expression could not be evaluated for one record (a date that is no date, all unique values taken).</summary>
public sealed class ExpressionEvaluationException(string message, ExpressionNode node) : Exception(message)
{
    public ExpressionNode Node { get; } = node;
}
