namespace EntraMesh.Mapping.Rules.Expressions;

public enum ValueKind : byte
{
    Null,
    String,
    Boolean,
    Integer,

    /// <summary>A UTC instant (CDate, DateAdd, Now, DateFromNum).</summary>
    DateTime,

    /// <summary>A multi-valued value (Split, RemoveDuplicates).</summary>
    List,
}
