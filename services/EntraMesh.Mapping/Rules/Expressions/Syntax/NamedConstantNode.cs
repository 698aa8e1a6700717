namespace EntraMesh.Mapping.Rules.Expressions.Syntax;

/// <summary>A bare name Entra knows as a constant: <c>vbBinaryCompare</c> and <c>vbTextCompare</c> (InStr).</summary>
public sealed class NamedConstantNode(string name, int start, int length) : ExpressionNode(start, length)
{
    public const string BinaryCompare = "vbBinaryCompare";
    public const string TextCompare = "vbTextCompare";

    public static readonly IReadOnlyList<string> Known = [BinaryCompare, TextCompare];

    readonly Value value = Value.FromString(name);

    public string Name { get; } = name;

    internal override Value Evaluate(EvaluationContext context) => value;
}
