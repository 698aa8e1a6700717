using Npgsql;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Columns of a table written in bulk: one typed array parameter per column, expanded by <c>unnest</c>, so a whole
/// batch of rows travels in one statement.
/// </summary>
public sealed class RowSet<T>
{
    readonly List<(string Name, string SqlType, Func<IReadOnlyList<T>, object> Values)> columns = [];

    public IEnumerable<string> Names => columns.Select(column => column.Name);

    public RowSet<T> Add<TValue>(string name, string sqlType, Func<T, TValue> value)
    {
        columns.Add((name, sqlType, rows =>
        {
            var values = new TValue[rows.Count];
            for (var index = 0; index < rows.Count; index++) values[index] = value(rows[index]);
            return values;
        }));
        return this;
    }

    /// <summary><c>unnest(@c0::type[], ...) AS alias(name, ...)</c>.</summary>
    public string Unnest(string alias) =>
        $"unnest({string.Join(", ", columns.Select((column, index) => $"@{alias}{index}::{column.SqlType}[]"))}) AS {alias}({string.Join(", ", Names)})";

    public NpgsqlBatchCommand Command(string sql, string alias, IReadOnlyList<T> rows)
    {
        var command = new NpgsqlBatchCommand(sql);
        for (var index = 0; index < columns.Count; index++)
        {
            command.Parameters.Add(new NpgsqlParameter($"{alias}{index}", columns[index].Values(rows)));
        }

        return command;
    }
}
