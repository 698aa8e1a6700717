namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>The repository's files, for tests that read the source tree itself.</summary>
internal static class RepositoryFiles
{
    public static readonly string Root = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Files under <paramref name="folder"/> (relative to the root), without build output.</summary>
    public static IEnumerable<string> Under(string folder, params string[] extensions) =>
        Directory.Exists(PathOf(folder))
            ? Directory.EnumerateFiles(PathOf(folder), "*", SearchOption.AllDirectories)
                .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
                .Where(file => extensions.Length == 0 || extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            : [];

    public static string Relative(string file) => Path.GetRelativePath(Root, file);

    static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EntraMesh.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("EntraMesh.sln not found above " + AppContext.BaseDirectory);
    }
}
