namespace EntraMesh.EntraEmulator.Filtering;

/// <summary>A literal of a filter: a quoted string, an unquoted date-time, a number, true/false or null.</summary>
public sealed record FilterLiteral(FilterLiteralKind Kind, string Text, DateTimeOffset? Time = null, bool? Flag = null)
{
    public override string ToString() => Kind == FilterLiteralKind.String ? $"'{Text}'" : Text;
}
