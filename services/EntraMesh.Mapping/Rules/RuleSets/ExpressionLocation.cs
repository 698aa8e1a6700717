namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>Where an expression's characters are in the rule-set file, so errors point at the character at fault.</summary>
public abstract class ExpressionLocation
{
    public static ExpressionLocation Unknown { get; } = new FixedExpressionLocation(new SourcePosition(0, 0));

    public SourcePosition Start => At(0);

    /// <summary>The file position of the expression's character at <paramref name="offset"/>.</summary>
    public abstract SourcePosition At(int offset);

    /// <summary>Every character at one place (an expression that does not come from a file).</summary>
    public static ExpressionLocation At(SourcePosition position) => new FixedExpressionLocation(position);
}
