using System.Diagnostics;
using EntraMesh.Mapping.Rules.Cli;
using EntraMesh.Mapping.Tests.Samples;

namespace EntraMesh.Mapping.Tests.Cli;

public sealed class RulesCommandTests
{
    [Fact]
    public async Task Valid_rule_set_passes_with_exit_code_0_and_a_line_per_test_case()
    {
        var (exitCode, output, _) = await RunAsync("rules", "test", SampleFiles.RuleSetPath);
        Assert.Equal(0, exitCode);
        Assert.Contains("version 2025.06.1; targets: woodgrove-ad (OnPremises, 19 mappings), woodgrove-cloud (Cloud, 19 mappings)", output);
        Assert.Contains("  PASS  Talya, an inactive contractor, goes to the cloud, disabled (line 68)", output);
        Assert.Contains("6 test cases: 6 passed, 0 failed", output);
        Assert.EndsWith($"The rule set is valid.{Environment.NewLine}", output);
    }

    [Fact]
    public async Task Invalid_rule_set_fails_with_exit_code_1_listing_errors_as_file_line_column()
    {
        var path = Temporary("""
            version: "1"
            targets:
              - name: cloud
                kind: cloud
                mappings:
                  userName: 'join("@", [UserID], "contoso.com")'
                  title: 'Mid([JobTitle], 0, 3)'
            """);
        var (exitCode, output, _) = await RunAsync("rules", "test", path);
        Assert.Equal(1, exitCode);
        Assert.Contains($"{path}:6:18 targets[0].mappings.userName: unknown function 'join': function names are case-sensitive, did you mean 'Join'?", output);
        Assert.Contains($"{path}:7:31 targets[0].mappings.title: Mid: start is 1-based and must be at least 1", output);
        Assert.Contains("The rule set is NOT valid: 2 errors, 0 failed test cases.", output);
    }

    [Fact]
    public async Task Failing_test_case_fails_with_exit_code_1_naming_the_expectation()
    {
        var path = Temporary("""
            version: "1"
            targets:
              - { name: cloud, kind: cloud, mappings: { userName: '[UserID]' } }
            tests:
              - name: sends the user name
                record: { UserID: abc }
                expect: { target: cloud, values: { userName: abd } }
            """);
        var (exitCode, output, _) = await RunAsync("rules", "test", path);
        Assert.Equal(1, exitCode);
        Assert.Contains("  FAIL  sends the user name (line 5)", output);
        Assert.Contains($"        {path}:7:50 userName: expected \"abd\", got \"abc\"", output);
        Assert.Contains("1 test case: 0 passed, 1 failed", output);
    }

    [Theory]
    [InlineData("rules", "test", "/nonexistent/rules.yaml")]
    [InlineData("rules", "test")]
    [InlineData("rules")]
    public async Task Missing_file_or_argument_fails_with_exit_code_1(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);
        Assert.Equal(1, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(output + error));
    }

    [Fact]
    public void Only_arguments_starting_with_rules_are_the_command_line()
    {
        Assert.True(RulesCommand.IsCommandLine(["rules", "test", "x.yaml"]));
        Assert.False(RulesCommand.IsCommandLine([]));
        Assert.False(RulesCommand.IsCommandLine(["--urls", "http://127.0.0.1:8082"]));
    }

    [Fact]
    public async Task Service_executable_runs_the_command_line_without_PostgreSQL_or_RabbitMQ()
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "EntraMesh.Mapping.dll"), "rules", "test", SampleFiles.RuleSetPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__postgres"] = "Host=127.0.0.1;Port=1";
        start.Environment["ConnectionStrings__rabbitmq"] = "amqp://127.0.0.1:1/";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("The rule set is valid.", output);
    }

    static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await RulesCommand.RunAsync(args, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    static string Temporary(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
