using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.TestCases;

/// <summary>A readable report of a validation: errors as <c>file:line:column path: message</c>, then each test case.</summary>
public static class ValidationReport
{
    public static string Describe(RuleSetValidation validation, string sourceName)
    {
        var writer = new StringWriter();
        Write(writer, validation, sourceName);
        return writer.ToString();
    }

    public static void Write(TextWriter writer, RuleSetValidation validation, string sourceName)
    {
        if (validation.RuleSet is { } ruleSet)
        {
            var targets = string.Join(", ", ruleSet.Targets.Select(t => $"{t.Name} ({t.Kind}, {t.Mappings.Count} mappings)"));
            writer.WriteLine($"{sourceName}: version {ruleSet.Version}; targets: {targets}");
        }

        if (validation.Errors.Count > 0)
        {
            writer.WriteLine($"{sourceName}: {Count(validation.Errors.Count, "error")}");
            foreach (var error in validation.Errors) writer.WriteLine($"  {sourceName}:{error.Line}:{error.Column} {error.Path}: {error.Message}");
        }

        foreach (var test in validation.Tests)
        {
            writer.WriteLine($"  {(test.Passed ? "PASS" : "FAIL")}  {test.Name} (line {test.Position.Line})");
            foreach (var failure in test.Failures) writer.WriteLine($"        {sourceName}:{failure.Position.Line}:{failure.Position.Column} {failure.Message}");
        }

        var failed = validation.Tests.Count(t => !t.Passed);
        if (validation.RuleSet is not null)
        {
            writer.WriteLine($"{Count(validation.Tests.Count, "test case")}: {validation.Tests.Count - failed} passed, {failed} failed");
        }

        writer.WriteLine(validation.Valid
            ? "The rule set is valid."
            : $"The rule set is NOT valid: {Count(validation.Errors.Count, "error")}, {Count(failed, "failed test case")}.");
    }

    static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
