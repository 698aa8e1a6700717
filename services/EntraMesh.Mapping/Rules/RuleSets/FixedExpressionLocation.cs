namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>An expression whose characters are all reported at one position (constants, direct attributes).</summary>
internal sealed class FixedExpressionLocation(SourcePosition position) : ExpressionLocation
{
    public override SourcePosition At(int offset) => position;
}
