using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.Expressions;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.TestCases;

/// <summary>Runs a rule set's test cases: each record is evaluated and every expectation checked.</summary>
public static class RuleTestRunner
{
    /// <summary>Test cases draw Guid() and RandomString from this seed, so that their results repeat.</summary>
    const int Seed = 20240601;

    public static async Task<IReadOnlyList<RuleTestResult>> RunAsync(RuleSet ruleSet, CancellationToken cancellationToken)
    {
        var results = new List<RuleTestResult>(ruleSet.TestCases.Count);
        foreach (var test in ruleSet.TestCases) results.Add(await RunAsync(ruleSet, test, cancellationToken));
        return results;
    }

    public static async Task<RuleTestResult> RunAsync(RuleSet ruleSet, RuleTestCase test, CancellationToken cancellationToken)
    {
        var environment = new EvaluationEnvironment(
            test.Now is { } now ? new FixedTimeProvider(now) : TimeProvider.System, Randomness.FromSeed(Seed));
        var options = new EvaluationOptions
        {
            Environment = environment,
            Explain = true,
            IsUnique = (query, _) => ValueTask.FromResult(!test.TakenValues.Contains(query.Value)),
        };
        var evaluation = await ruleSet.EvaluateAsync(test.Record, options, cancellationToken);
        var failures = new List<RuleTestFailure>();
        Check(test.Expect, evaluation.Selected, failures);
        return new RuleTestResult(test.Name, test.Position, failures);
    }

    static void Check(TestExpectation expect, TargetEvaluation? selected, List<RuleTestFailure> failures)
    {
        if (expect.Target is { } target && !string.Equals(target.Value, selected?.Name, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(new(target.Position, $"expected target {Describe(target.Value)}, got {Describe(selected?.Name)}"));
        }

        if (expect.Filter is { } filter && !string.Equals(filter.Value, selected?.Filter, StringComparison.Ordinal))
        {
            failures.Add(new(filter.Position, $"expected the record to be taken by filter \"{filter.Value}\", got {Quote(selected?.Filter)}"));
        }

        var error = selected?.Error;
        if (expect.Error is { } expectedError)
        {
            if (error is null) failures.Add(new(expectedError.Position, $"expected a rule error containing \"{expectedError.Value}\", got none"));
            else if (!error.Message.Contains(expectedError.Value, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add(new(expectedError.Position, $"expected a rule error containing \"{expectedError.Value}\", got: {error.Message}"));
            }

            return;
        }

        if (error is not null)
        {
            failures.Add(new(error.Position, $"rule error in {error.Attribute}: {error.Message}"));
            return;
        }

        if (expect.Active is { } active && selected?.Active != active.Value)
        {
            failures.Add(new(active.Position, $"expected active {(active.Value ? "true" : "false")}, got {Describe(selected?.Active)}"));
        }

        if (expect.ParentDistinguishedName is { } ou && !string.Equals(ou.Value, selected?.ParentDistinguishedName, StringComparison.Ordinal))
        {
            failures.Add(new(ou.Position, $"expected parentDistinguishedName {Quote(ou.Value)}, got {Quote(selected?.ParentDistinguishedName)}"));
        }

        foreach (var expected in expect.Values)
        {
            var actual = selected?.Data is { } data ? ScimData.Read(data, expected.Path) : null;
            var problem = Compare(expected, actual);
            if (problem is not null) failures.Add(new(expected.Position, $"{expected.Path.Text}: {problem}"));
        }
    }

    static string? Compare(ExpectedValue expected, JsonNode? actual)
    {
        if (expected.Absent) return actual is null ? null : $"expected no value, got {actual.ToJsonString()}";
        if (actual is null) return $"expected {Describe(expected)}, got no value";

        if (expected.Items is { } items)
        {
            var actualItems = actual is JsonArray array ? array.Select(Text).ToList() : [Text(actual)];
            return actualItems.SequenceEqual(items) ? null : $"expected {Describe(expected)}, got {actual.ToJsonString()}";
        }

        var text = Text(actual);
        if (expected.Pattern is { } pattern)
        {
            try
            {
                return pattern.IsMatch(text) ? null : $"expected a value matching /{pattern}/, got {actual.ToJsonString()}";
            }
            catch (RegexMatchTimeoutException)
            {
                return $"the expected pattern /{pattern}/ took longer than {pattern.MatchTimeout.TotalSeconds:0.#} s to match (catastrophic backtracking?); simplify it";
            }
        }

        var equal = actual.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? string.Equals(text, expected.Text, StringComparison.OrdinalIgnoreCase)
            : string.Equals(text, expected.Text, StringComparison.Ordinal);
        return equal ? null : $"expected {Describe(expected)}, got {actual.ToJsonString()}";
    }

    static string Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        null => "",
        _ => node.ToJsonString(),
    };

    static string Describe(ExpectedValue expected) =>
        expected.Items is { } items ? $"[{string.Join(", ", items.Select(i => $"\"{i}\""))}]" : $"\"{expected.Text}\"";

    static string Describe(string? target) => target is null ? "none (in no target's scope)" : $"\"{target}\"";

    static string Describe(bool? value) => value is null ? "none" : value.Value ? "true" : "false";

    static string Quote(string? value) => value is null ? "none" : $"\"{value}\"";
}
