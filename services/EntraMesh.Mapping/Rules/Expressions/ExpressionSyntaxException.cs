namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>A syntax error that stops the parse of an expression: where it is and what was expected.</summary>
internal sealed class ExpressionSyntaxException(int offset, int length, string message) : Exception(message)
{
    public int Offset { get; } = offset;

    public int Length { get; } = length;
}
