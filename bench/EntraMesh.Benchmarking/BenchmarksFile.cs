namespace EntraMesh.Benchmarking;

/// <summary>
/// docs/benchmarks.md: each benchmark owns a <c>## heading</c> section (its description and a table) and adds one row per
/// invocation at the end of that table. The section, or the file, is created the first time it is needed.
/// </summary>
public static class BenchmarksFile
{
    /// <param name="heading">The section's heading line, e.g. <c>## Ingest</c>.</param>
    /// <param name="section">What follows the heading when the section is created: the description, a blank line, the table's header rows.</param>
    /// <param name="row">The table row to add.</param>
    /// <param name="path">The file; docs/benchmarks.md of the checkout by default.</param>
    /// <returns>The file written.</returns>
    public static string Append(string heading, IEnumerable<string> section, string row, string? path = null)
    {
        path ??= Repository.BenchmarksFile;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : ["# Benchmarks", ""];
        var start = lines.FindIndex(line => line.Trim() == heading);
        if (start < 0)
        {
            if (lines.Count > 0 && lines[^1].Length > 0) lines.Add("");
            lines.Add(heading);
            lines.Add("");
            lines.AddRange(section);
            lines.Add(row);
        }
        else
        {
            var end = lines.FindIndex(start + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
            if (end < 0) end = lines.Count;
            var lastRow = lines.FindLastIndex(end - 1, end - start, line => line.StartsWith('|'));
            lines.Insert(lastRow < 0 ? end : lastRow + 1, row);
        }

        File.WriteAllLines(path, lines);
        return path;
    }
}
