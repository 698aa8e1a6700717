using System.Globalization;
using System.Text;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>The corpus run in figures (requests by category, by surface, by answer status), as Markdown for docs/reliability.md.</summary>
public static class CorpusReport
{
    public static string Markdown(IReadOnlyList<Answer> answers, int goodSent, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{answers.Count} hostile requests ({answers.Count(a => a.Right)} answered as required) and {goodSent} good signed webhooks in {elapsed.TotalSeconds:0} s.");
        text.AppendLine();
        Table(text, "category", answers.GroupBy(a => a.Case.Category.ToString()));
        text.AppendLine();
        Table(text, "surface", answers.GroupBy(a => a.Case.Surface.ToString()));
        text.AppendLine();
        text.AppendLine("| status | requests |");
        text.AppendLine("|---|---:|");
        foreach (var group in answers.GroupBy(a => a.Status).OrderBy(g => g.Key))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {(group.Key == 0 ? "no answer" : group.Key.ToString(CultureInfo.InvariantCulture))} | {group.Count()} |");
        }

        return text.ToString();
    }

    /// <summary>What was checked after the corpus: imports followed to their end, the directory, the processes.</summary>
    public static string Afterwards(int imports, int importProblems, int goodSent, int goodAccepted, int hostileStored, int directoryProblems, int crashed) =>
        string.Create(CultureInfo.InvariantCulture, $"""

            - Accepted imports followed to their end: {imports} ({importProblems} with wrong counts or a rejected row without its reason).
            - Good signed webhooks sent during the corpus: {goodSent}; accepted: {goodAccepted}.
            - Workers checked in the emulator's directory with their values as sent: {goodAccepted} from the good webhooks and {hostileStored} hostile-looking valid records; missing or different: {directoryProblems}.
            - Services crashed, restarted or not ready afterwards: {crashed}.

            """);

    static void Table(StringBuilder text, string by, IEnumerable<IGrouping<string, Answer>> groups)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"| {by} | requests | 2xx (valid input, bad records rejected in the answer) | 4xx problem details | 5xx | no answer |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Count()} | {group.Count(a => a.StatusClass == "2xx")} | {group.Count(a => a.StatusClass == "4xx")} | {group.Count(a => a.StatusClass == "5xx")} | {group.Count(a => a.Status == 0)} |");
        }
    }
}
