namespace EntraMesh.Mapping.Rules.Expressions.Syntax;

/// <summary><c>[name]</c>: the record's attribute of that name; null when the record lacks it.</summary>
public sealed class AttributeNode(string name, int start, int length) : ExpressionNode(start, length)
{
    public string Name { get; } = name;

    internal override Value Evaluate(EvaluationContext context) =>
        context.Attributes.TryGetValue(Name, out var value) ? Value.FromString(value) : Value.Null;
}
