using System.Text.RegularExpressions;

namespace EntraMesh.Deployment.Tests;

/// <summary>
/// Whether a setting named as an environment variable (<c>Section__Key__0__Name</c>) is one the service reads: every
/// non-index segment must occur as a word in the service's code or appsettings.json, or in the shared hosting library
/// (a renamed option would leave a setting that silently does nothing).
/// </summary>
internal static partial class ConfigurationKeys
{
    static readonly string[] Platform = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_", "OTEL_", "ENTRAMESH_SECRETS_DIR"];
    static readonly Dictionary<string, HashSet<string>> WordsByProject = new(StringComparer.Ordinal);

    public static bool Exists(string project, string variable)
    {
        if (Platform.Any(prefix => variable.StartsWith(prefix, StringComparison.Ordinal))) return true;
        if (variable is "ConnectionStrings__postgres" or "ConnectionStrings__rabbitmq") return true;
        var words = Words(project);
        return variable.Split("__").Where(segment => !segment.All(char.IsDigit)).All(words.Contains);
    }

    static HashSet<string> Words(string project)
    {
        lock (WordsByProject)
        {
            if (WordsByProject.TryGetValue(project, out var cached)) return cached;
            var files = new[] { Repository.PathOf("services", project), Repository.PathOf("shared", "EntraMesh.Hosting") }
                .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
                .Where(file => (file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith("appsettings.json", StringComparison.Ordinal))
                    && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            var words = files.SelectMany(file => Word().Matches(File.ReadAllText(file)).Select(match => match.Value)).ToHashSet(StringComparer.Ordinal);
            WordsByProject[project] = words;
            return words;
        }
    }

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_-]*")]
    private static partial Regex Word();
}
