namespace EntraMesh.EntraEmulator.Filtering;

public enum ComparisonOperator
{
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}
