namespace EntraMesh.Mapping.Rules.Expressions.Syntax;

/// <summary>
/// <c>Name(arg1, , arg3)</c>: a call of one of Entra's functions. An empty argument is a null entry in
/// <see cref="Arguments"/>. <see cref="State"/> holds what the function prepared at compile time from constant
/// arguments (a compiled regular expression, a culture), so evaluation does not repeat that work per record.
/// </summary>
public sealed class FunctionCallNode(FunctionDefinition function, ExpressionNode?[] arguments, int start, int length, int nameLength)
    : ExpressionNode(start, length)
{
    public FunctionDefinition Function { get; } = function;

    public IReadOnlyList<ExpressionNode?> Arguments => arguments;

    /// <summary>Length of the function name (from <see cref="ExpressionNode.Start"/>), to point errors at it.</summary>
    public int NameLength { get; } = nameLength;

    internal object? State { get; set; }

    public int Count => arguments.Length;

    /// <summary>The argument at <paramref name="index"/>; null when it was left empty or not given.</summary>
    public ExpressionNode? Argument(int index) => index < arguments.Length ? arguments[index] : null;

    public bool HasArgument(int index) => Argument(index) is not null;

    internal override Value Evaluate(EvaluationContext context) => Function.Body(this, context);

    public override IEnumerable<ExpressionNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var argument in arguments)
        {
            if (argument is null) continue;
            foreach (var node in argument.DescendantsAndSelf()) yield return node;
        }
    }
}
