namespace EntraMesh.Mapping.Rules.Expressions.Syntax;

/// <summary>A whole number: <c>7</c>, <c>-10</c>, or hexadecimal <c>&amp;HF7</c>.</summary>
public sealed class IntegerNode(long number, int start, int length) : ExpressionNode(start, length)
{
    readonly Value value = Value.FromInteger(number);

    public long Number { get; } = number;

    internal override Value Evaluate(EvaluationContext context) => value;
}
