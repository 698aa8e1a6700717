using EntraMesh.Mapping.Rules.Scoping;
using EntraMesh.Mapping.Tests.Expressions;

namespace EntraMesh.Mapping.Tests.Scoping;

public sealed class ScopingFilterTests
{
    const string Missing = "(missing)";

    [Theory]
    // EQUALS / NOT EQUALS: exact and case-sensitive; null or empty is false for both.
    [InlineData("EQUALS", "Sales", "Sales", true)]
    [InlineData("EQUALS", "Sales", "sales", false)]
    [InlineData("EQUALS", "Sales", Evaluate.Null, false)]
    [InlineData("EQUALS", "Sales", Missing, false)]
    [InlineData("NOT EQUALS", "Sales", "Marketing", true)]
    [InlineData("NOT EQUALS", "Sales", "Sales", false)]
    [InlineData("NOT EQUALS", "Sales", "sales", true)]
    [InlineData("NOT EQUALS", "Sales", Evaluate.Null, false)]
    [InlineData("NOT EQUALS", "Sales", "", false)]
    // IS TRUE / IS FALSE: booleans only.
    [InlineData("IS TRUE", null, "True", true)]
    [InlineData("IS TRUE", null, "true", true)]
    [InlineData("IS TRUE", null, "False", false)]
    [InlineData("IS TRUE", null, "yes", false)]
    [InlineData("IS TRUE", null, Evaluate.Null, false)]
    [InlineData("IS FALSE", null, "False", true)]
    [InlineData("IS FALSE", null, "FALSE", true)]
    [InlineData("IS FALSE", null, "True", false)]
    [InlineData("IS FALSE", null, "0", false)]
    [InlineData("IS FALSE", null, Evaluate.Null, false)]
    // IS NULL / IS NOT NULL: missing, null and empty count as null.
    [InlineData("IS NULL", null, Evaluate.Null, true)]
    [InlineData("IS NULL", null, Missing, true)]
    [InlineData("IS NULL", null, "", true)]
    [InlineData("IS NULL", null, "x", false)]
    [InlineData("IS NOT NULL", null, "x", true)]
    [InlineData("IS NOT NULL", null, "", false)]
    [InlineData("IS NOT NULL", null, Evaluate.Null, false)]
    // REGEX MATCH / NOT REGEX MATCH: case-sensitive; null is false for both.
    [InlineData("REGEX MATCH", ".*\\@domain.com", "jo@domain.com", true)]
    [InlineData("REGEX MATCH", ".*\\@domain.com", "jo@other.com", false)]
    [InlineData("REGEX MATCH", "(1[0-9][0-9][0-9][0-9][0-9][0-9])", "1500000", true)]
    [InlineData("REGEX MATCH", "(1[0-9][0-9][0-9][0-9][0-9][0-9])", "999999", false)]
    [InlineData("REGEX MATCH", "^sales$", "Sales", false)]
    [InlineData("REGEX MATCH", ".*", Evaluate.Null, false)]
    [InlineData("NOT REGEX MATCH", ".*\\@domain.com", "jo@other.com", true)]
    [InlineData("NOT REGEX MATCH", ".*\\@domain.com", "jo@domain.com", false)]
    [InlineData("NOT REGEX MATCH", ".*\\@domain.com", Evaluate.Null, false)]
    [InlineData("NOT REGEX MATCH", ".*\\@domain.com", "", false)]
    // Includes: the attribute contains the value, case-sensitive.
    [InlineData("Includes", "Engineer", "Senior Engineer II", true)]
    [InlineData("Includes", "Engineer", "senior engineer", false)]
    [InlineData("Includes", "Engineer", Evaluate.Null, false)]
    // & / !&: the attribute occurs in the value (Entra: "exists in the input string value").
    [InlineData("&", "Dallas;Houston;Austin", "Houston", true)]
    [InlineData("&", "Dallas;Houston;Austin", "Chicago", false)]
    [InlineData("&", "Dallas;Houston;Austin", Evaluate.Null, false)]
    [InlineData("&", "Dallas;Houston;Austin", "", false)]
    [InlineData("!&", "Dallas;Houston;Austin", "Chicago", true)]
    [InlineData("!&", "Dallas;Houston;Austin", "Austin", false)]
    [InlineData("!&", "Dallas;Houston;Austin", Evaluate.Null, false)]
    // ENDS_WITH: case-sensitive.
    [InlineData("ENDS_WITH", "@contoso.com", "jo@contoso.com", true)]
    [InlineData("ENDS_WITH", "@contoso.com", "jo@CONTOSO.com", false)]
    [InlineData("ENDS_WITH", "@contoso.com", Evaluate.Null, false)]
    // Greater_Than / Greater_Than_OR_EQUALS: integers on both sides; anything else is false.
    [InlineData("Greater_Than", "1000000", "1000001", true)]
    [InlineData("Greater_Than", "1000000", "1000000", false)]
    [InlineData("Greater_Than", "1000000", "999", false)]
    [InlineData("Greater_Than", "10", "-5", false)]
    [InlineData("Greater_Than", "10", "eleven", false)]
    [InlineData("Greater_Than", "10", Evaluate.Null, false)]
    [InlineData("Greater_Than_OR_EQUALS", "1000000", "1000000", true)]
    [InlineData("Greater_Than_OR_EQUALS", "1000000", "999999", false)]
    [InlineData("Greater_Than_OR_EQUALS", "-5", "-5", true)]
    [InlineData("Greater_Than_OR_EQUALS", "0", "", false)]
    public void Operator_decides_the_clause_as_Entra_documents(string op, string? value, string actual, bool expected)
    {
        var (clause, error) = ScopingClause.Create("attribute", op, value);
        Assert.Null(error);
        var attributes = actual == Missing ? Evaluate.Attributes() : Evaluate.Attributes("attribute", actual);
        Assert.Equal(expected, clause!.Matches(attributes));
    }

    [Theory]
    [InlineData("not equals", ScopingOperator.NotEqualTo)]
    [InlineData("NOT_EQUALS", ScopingOperator.NotEqualTo)]
    [InlineData("greater_than_or_equals", ScopingOperator.GreaterThanOrEqualTo)]
    [InlineData("Ends With", ScopingOperator.EndsWith)]
    [InlineData("includes", ScopingOperator.Includes)]
    [InlineData("Regex Match", ScopingOperator.RegexMatch)]
    public void Operators_are_recognised_in_any_casing_with_spaces_or_underscores(string text, ScopingOperator expected)
    {
        Assert.True(ScopingOperators.TryParse(text, out var op));
        Assert.Equal(expected, op);
    }

    [Theory]
    [InlineData("LIKE", "x", "unknown operator 'LIKE'; Entra's operators are EQUALS, NOT EQUALS")]
    [InlineData("EQUALS", null, "EQUALS needs a value")]
    [InlineData("IS NULL", "x", "IS NULL takes no value")]
    [InlineData("Greater_Than", "ten", "the value must be an integer, got 'ten'")]
    [InlineData("REGEX MATCH", "([a-z", "invalid regular expression")]
    public void Invalid_clause_is_refused_with_the_reason(string op, string? value, string message)
    {
        var (clause, error) = ScopingClause.Create("attribute", op, value);
        Assert.Null(clause);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Clauses_of_a_filter_are_ANDed_and_filters_are_ORed_naming_the_filter_that_took_the_record()
    {
        var scope = new Scope(
        [
            new ScopingFilter("New York engineers", [Clause("State", "EQUALS", "New York"), Clause("Department", "EQUALS", "Engineering")]),
            new ScopingFilter("Contractors", [Clause("WorkerType", "EQUALS", "Contractor")]),
        ]);

        Assert.True(scope.Matches(Evaluate.Attributes("State", "New York", "Department", "Engineering"), out var filter));
        Assert.Equal("New York engineers", filter);
        Assert.False(scope.Matches(Evaluate.Attributes("State", "New York", "Department", "Sales"), out filter));
        Assert.Null(filter);
        Assert.True(scope.Matches(Evaluate.Attributes("State", "Ohio", "WorkerType", "Contractor"), out filter));
        Assert.Equal("Contractors", filter);
        Assert.False(scope.Matches(Evaluate.Attributes("Department", "Engineering"), out _));
    }

    [Fact]
    public void Target_without_filters_takes_every_record()
    {
        Assert.True(new Scope([]).Matches(Evaluate.Attributes(), out var filter));
        Assert.Equal(Scope.Everyone, filter);
    }

    static ScopingClause Clause(string attribute, string op, string? value) => ScopingClause.Create(attribute, op, value).Clause!;
}
