using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Tests.RuleSets;

/// <summary>Whatever the file holds, loading answers errors; it never throws (the HTTP API must not answer 500).</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("42")]
    [InlineData("~")]
    [InlineData("version: [1, 2]\ntargets: {}")]
    [InlineData("version: '1'\ntargets:\n  - 7\n  - [a, b]\n  - { name: [x], kind: {a: b}, mappings: [1] }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { ? [complex, key] : x } }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { userName: { attribute: 'a]b' } } }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { userName: { attribute: a, constant: b } } }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { userName: { } } }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { userName: !!binary aGVsbG8= } }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: *nowhere }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, scope: { a: b }, mappings: { userName: '[a]' } }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, scope: [ { clauses: [ 1, { attribute: a } ] } ], mappings: { userName: '[a]' } }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { userName: '[a]' } }\ntests: [ 1, { name: t }, { name: u, record: [1], expect: [] } ]")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { userName: '[a]' } }\ntests:\n  - { name: t, record: {}, now: yesterday, hireDate: 31/12/2024, terminated: perhaps, expect: { values: { 'emails.value': x, userName: { regex: '(' } } } }")]
    [InlineData("version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { userName: \"\\x41\\u00e9\\U0001F600 Join(\" } }")]
    [InlineData("---\nversion: '1'\n---\nversion: '2'")]
    [InlineData("\t version: '1'")]
    public void Malformed_rule_set_gives_errors_and_no_exception(string yaml)
    {
        var load = RuleSetLoader.Load(yaml);
        Assert.False(load.Succeeded);
        Assert.NotEmpty(load.Errors);
        Assert.All(load.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString()));
    }

    [Fact]
    public void YAML_nested_deeper_than_any_rule_set_is_refused_before_it_can_exhaust_the_stack()
    {
        var error = Assert.Single(RuleSetLoader.Load("version: '1'\ntargets: " + new string('[', 100_000) + new string(']', 100_000)).Errors);
        Assert.Equal((2, 73, "the YAML nests more than 64 levels deep"), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Aliases_cannot_multiply_a_small_file_into_a_huge_rule_set()
    {
        var yaml = "version: '1'\nt: &t { name: c, kind: cloud, mappings: { userName: '[a]' } }\ntargets: [" + string.Join(", ", Enumerable.Repeat("*t", 10_000)) + "]";
        var load = RuleSetLoader.Load(yaml);
        Assert.Contains(load.Errors, e => e.Message == "a rule set has at most 64 targets");
    }

    [Fact]
    public void Very_long_constant_is_an_error_rather_than_a_crash()
    {
        var load = RuleSetLoader.Load($"version: '1'\ntargets:\n  - {{ name: c, kind: cloud, mappings: {{ userName: {{ constant: {new string('x', 20_000)} }} }} }}");
        Assert.Contains(load.Errors, e => e.Message.Contains("exceeds Entra's expression limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Expression_nested_two_hundred_calls_deep_compiles_and_evaluates()
    {
        var expression = string.Concat(Enumerable.Repeat("Not(", 200)) + "[a]" + new string(')', 200);
        Assert.Equal("False", Rules.Expressions.RuleExpression.Parse(expression).Evaluate(new Dictionary<string, string?> { ["a"] = "False" }).AsText());
    }

    [Fact]
    public void Expression_nested_deeper_than_the_stack_allows_is_refused_with_its_position()
    {
        var expression = string.Concat(Enumerable.Repeat("Not(", 1_990)) + "[a]" + new string(')', 1_990);
        Assert.True(expression.Length <= 10_000);
        var error = Assert.Single(Rules.Expressions.RuleExpression.Compile(expression).Errors);
        Assert.Equal((800, "calls nest more than 200 deep here"), (error.Offset, error.Message));
    }
}
