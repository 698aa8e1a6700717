namespace EntraMesh.Benchmarking;

/// <summary>The checkout a benchmark runs from: the first folder holding EntraMesh.sln above the current or the program's folder.</summary>
public static class Repository
{
    public static string Root()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "EntraMesh.sln"))) return directory.FullName;
            }
        }

        throw new InvalidOperationException("EntraMesh.sln not found above the current or the program's folder: run the benchmark from the repository.");
    }

    /// <summary>docs/benchmarks.md, where every benchmark records its rows.</summary>
    public static string BenchmarksFile => Path.Combine(Root(), "docs", "benchmarks.md");

    /// <summary>Whether this program is a Release build, so that the services it starts are taken from the same build.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
