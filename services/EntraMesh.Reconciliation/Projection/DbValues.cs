using System.Data.Common;
using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>Reading nullable columns and enum names stored as text.</summary>
public static class DbValues
{
    public static string? String(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? Time(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static Guid? Uuid(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    public static int? Int(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static bool? Bool(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetBoolean(ordinal);

    public static WorkerState State(this DbDataReader reader, int ordinal) => Enum.Parse<WorkerState>(reader.GetString(ordinal));

    public static WorkerState? StateOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Enum.Parse<WorkerState>(reader.GetString(ordinal));

    public static ChangeKind? Kind(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Enum.Parse<ChangeKind>(reader.GetString(ordinal));

    public static OutcomeStatus? Outcome(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Enum.Parse<OutcomeStatus>(reader.GetString(ordinal));

    /// <summary>Separator of a worker's target names packed into one text value (split again in SQL).</summary>
    public const char TargetSeparator = '\u001f';
}
