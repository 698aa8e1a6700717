namespace EntraMesh.Mapping.Rules.Expressions.Syntax;

/// <summary><c>"text"</c>: a string constant (backslash escapes a backslash or a quotation mark).</summary>
public sealed class StringNode(string text, int start, int length) : ExpressionNode(start, length)
{
    readonly Value value = Value.FromString(text);

    public string Text { get; } = text;

    internal override Value Evaluate(EvaluationContext context) => value;
}
