namespace EntraMesh.Mapping.Rules.Expressions.Syntax;

/// <summary>A node of a parsed expression, with its place in the expression text (0-based offset and length).</summary>
public abstract class ExpressionNode(int start, int length)
{
    public int Start { get; } = start;

    public int Length { get; } = length;

    internal abstract Value Evaluate(EvaluationContext context);

    /// <summary>This node and every node below it, depth first.</summary>
    public virtual IEnumerable<ExpressionNode> DescendantsAndSelf()
    {
        yield return this;
    }
}
