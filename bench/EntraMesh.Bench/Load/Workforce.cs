using EntraMesh.Launcher.Client;

namespace EntraMesh.Bench.Load;

/// <summary>Turns generated CSV2SCIM-format rows (<c>Population</c>) into webhook records and changed rows.</summary>
public static class Workforce
{
    /// <summary>One webhook record per row; event ids are <paramref name="eventPrefix"/> + worker id (never reused).</summary>
    public static IEnumerable<WorkerChange> Records(
        IEnumerable<IReadOnlyDictionary<string, string>> rows, string eventPrefix, bool deleted = false) =>
        rows.Select(row => new WorkerChange(eventPrefix + row["WorkerID"], row.ToDictionary(p => p.Key, p => (string?)p.Value), deleted));

    /// <summary>The row with some columns replaced.</summary>
    public static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> row, params (string Column, string Value)[] changes)
    {
        var values = row.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (column, value) in changes) values[column] = value;
        return values;
    }

    /// <summary>The row of an active worker (every record then becomes a change to send, none is skipped as inactive).</summary>
    public static IReadOnlyDictionary<string, string> Active(IReadOnlyDictionary<string, string> row) =>
        row["WorkerStatus"] == "Active" ? row : With(row, ("WorkerStatus", "Active"));

    /// <summary>A new job title: an attribute both targets send, so the record becomes an Update.</summary>
    public static IReadOnlyDictionary<string, string> Promoted(IReadOnlyDictionary<string, string> row) =>
        With(row, ("JobTitle", "Senior " + row["JobTitle"]));

    public static bool IsEmployee(IReadOnlyDictionary<string, string> row) => row["WorkerType"] == "Employee";
}
