namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>A problem in an expression's text: where (0-based offset and length) and what was wrong or expected.</summary>
public sealed record ExpressionError(int Offset, int Length, string Message)
{
    public override string ToString() => $"at character {Offset + 1}: {Message}";
}
