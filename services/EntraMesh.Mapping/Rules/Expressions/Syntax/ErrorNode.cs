namespace EntraMesh.Mapping.Rules.Expressions.Syntax;

/// <summary>Stands where the parser found something invalid (already reported), so that it can go on checking the rest.</summary>
public sealed class ErrorNode(int start, int length) : ExpressionNode(start, length)
{
    internal override Value Evaluate(EvaluationContext context) => Value.Null;
}
