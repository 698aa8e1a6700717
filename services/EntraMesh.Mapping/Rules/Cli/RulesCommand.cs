using System.CommandLine;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Mapping.Rules.TestCases;

namespace EntraMesh.Mapping.Rules.Cli;

/// <summary>
/// The command line of the mapping service, for a platform team's CI:
/// <c>dotnet run --project services/EntraMesh.Mapping -- rules test FILE</c> validates a rule set and runs its test
/// cases, prints a readable report and exits with 0 when the rule set is valid and every test passes, 1 otherwise.
/// It needs neither PostgreSQL nor RabbitMQ.
/// </summary>
public static class RulesCommand
{
    /// <summary>The arguments ask for the command line rather than the web service.</summary>
    public static bool IsCommandLine(IReadOnlyList<string> args) => args.Count > 0 && args[0] == "rules";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var file = new Argument<FileInfo>("file") { Description = "The rule-set YAML file to validate and test." };
        var test = new Command("test", "Validate a rule set and run its test cases; exit code 0 when it is valid and every test case passes.") { file };
        test.SetAction((parseResult, token) => TestAsync(parseResult.GetValue(file)!, output, error, token));
        var rules = new Command("rules", "Work with mapping rule sets.") { test };
        var root = new RootCommand("EntraMesh mapping service: without arguments it runs the web service.") { rules };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    static async Task<int> TestAsync(FileInfo given, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var name = given.ToString();
        var file = Locate(name);
        if (file is null)
        {
            await error.WriteLineAsync($"{name}: no such file.");
            return 1;
        }

        var validation = await RuleSetLoader.ValidateAsync(await File.ReadAllTextAsync(file.FullName, cancellationToken), name, cancellationToken);
        ValidationReport.Write(output, validation, name);
        return validation.Valid ? 0 : 1;
    }

    /// <summary>
    /// The file, relative to the current directory or, failing that, to the shell's (<c>PWD</c>): <c>dotnet run</c> starts
    /// a web project in its own folder, so a path typed from the repository root is relative to the shell's directory.
    /// </summary>
    static FileInfo? Locate(string path)
    {
        var candidates = new List<string> { Path.GetFullPath(path) };
        if (!Path.IsPathRooted(path) && Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shell && Path.IsPathRooted(shell))
        {
            candidates.Add(Path.GetFullPath(path, shell));
        }

        return candidates.Select(candidate => new FileInfo(candidate)).FirstOrDefault(file => file.Exists);
    }
}
