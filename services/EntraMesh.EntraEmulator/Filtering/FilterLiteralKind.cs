namespace EntraMesh.EntraEmulator.Filtering;

public enum FilterLiteralKind
{
    String,
    DateTime,
    Number,
    Boolean,
    Null,
}
