using System.Text.RegularExpressions;

namespace EntraMesh.HostileInput.Tests.Logs;

/// <summary>
/// Reads every service's log in the run folder and finds lines that hold personal data of the sample workers (a first,
/// last or full name as a whole word, or an address built from their user id) or a secret (anywhere in a line).
/// </summary>
public sealed record LogScan(int Files, int Lines, int NamesSought, int AddressesSought, int SecretsSought, IReadOnlyList<string> PersonalData, IReadOnlyList<string> Secrets)
{
    public static LogScan Run(string logDirectory, IEnumerable<IReadOnlyDictionary<string, string?>> workers, IReadOnlyDictionary<string, string> secrets)
    {
        var rows = workers.ToList();
        var names = rows.SelectMany(row => new[] { row.GetValueOrDefault("FirstName"), row.GetValueOrDefault("LastName"), row.GetValueOrDefault("FullName") })
            .OfType<string>().Where(name => name.Trim().Length > 0).Select(name => name.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var userIds = rows.Select(row => row.GetValueOrDefault("UserID")).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var nameWords = new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join("|", names.OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}])", RegexOptions.CultureInvariant);
        var addresses = new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join("|", userIds.Select(Regex.Escape)) + @")@", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        var files = Directory.GetFiles(logDirectory, "*.log");
        var lines = 0;
        var personal = new List<string>();
        var leaked = new List<string>();
        foreach (var file in files)
        {
            var number = 0;
            foreach (var line in ReadShared(file))
            {
                number++;
                lines++;
                var at = $"{Path.GetFileName(file)}:{number}";
                if (nameWords.Match(line) is { Success: true } name) personal.Add($"{at} holds the name '{name.Value}': {Shorten(line)}");
                if (addresses.Match(line) is { Success: true } address) personal.Add($"{at} holds an address of user '{address.Value}': {Shorten(line)}");
                // The secret itself is never echoed into a failure message: only which one and where.
                foreach (var (secret, value) in secrets)
                {
                    if (line.Contains(value, StringComparison.Ordinal)) leaked.Add($"{at} holds the {secret}");
                }
            }
        }

        return new LogScan(files.Length, lines, names.Count, userIds.Count, secrets.Count, personal, leaked);
    }

    /// <summary>The services still write to their logs: read without locking them out.</summary>
    static IEnumerable<string> ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line) yield return line;
    }

    static string Shorten(string line) => line.Length > 200 ? line[..200] + "…" : line;

    public override string ToString() =>
        $"{Files} log files, {Lines} lines scanned for {NamesSought} names, {AddressesSought} user addresses and {SecretsSought} secrets: " +
        $"{PersonalData.Count} lines with personal data, {Secrets.Count} with a secret.";
}
