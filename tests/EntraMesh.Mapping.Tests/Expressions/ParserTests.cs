using EntraMesh.Mapping.Rules.Expressions;
using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Tests.Expressions;

public sealed class ParserTests
{
    [Theory]
    [InlineData("Join(\"\", [a]", 4, "'Join(' is not closed")]
    [InlineData("Join(\",\" [a])", 9, "expected ',' or ')' after argument 1 of Join, found '['")]
    [InlineData("join(\",\", [a])", 0, "function names are case-sensitive, did you mean 'Join'?")]
    [InlineData("Jion(\",\", [a])", 0, "unknown function 'Jion', did you mean 'Join'?")]
    [InlineData("Frobnicate([a])", 0, "unknown function 'Frobnicate'")]
    [InlineData("Mid([a], 1)", 0, "Mid takes 3 arguments, got 2: Mid(source, start, length)")]
    [InlineData("Switch([a], \"d\", \"k\")", 0, "Switch takes at least 4 arguments, got 3")]
    [InlineData("Switch([a], \"d\", \"k\", \"v\", \"k2\")", 0, "Switch takes an even number of arguments")]
    [InlineData("Append([a], \"x)", 12, "this string is not closed")]
    [InlineData("Append([a, \"x\")", 7, "this attribute reference is not closed: expected ']'")]
    [InlineData("Append([], \"x\")", 7, "empty attribute name")]
    [InlineData("DateAdd(\"q\", 1, Now())", 8, "interval must be one of \"yyyy\", \"m\", \"d\", \"ww\", \"h\", \"n\", \"s\"; got \"q\"")]
    [InlineData("Replace([a], , \"(\", , \"\", , )", 15, "invalid regular expression")]
    [InlineData("Replace([a], , \"(?<x>.)\", \"y\", \"\", , )", 26, "the pattern has no group named \"y\"")]
    [InlineData("Replace([a], , , , \"x\", , )", 0, "Replace needs an oldValue (argument 2) or a regexPattern (argument 3)")]
    [InlineData("Join(\",\", SelectUniqueValue([a], [b]))", 10, "SelectUniqueValue must be the whole expression")]
    [InlineData("IIF([a] = [b] = [c], \"x\", \"y\")", 14, "comparisons cannot be chained")]
    [InlineData("IIF([a] != [b], \"x\", \"y\")", 8, "write 'not equal' as <>")]
    [InlineData("ToLower([a], \"xx-not-a-culture\")", 13, "unknown culture")]
    [InlineData("Mid([a], 0, 2)", 9, "Mid: start is 1-based")]
    [InlineData("InStr([a], \"b\", 1, vbSomething)", 19, "'vbSomething' is neither a function call nor a known constant")]
    [InlineData("Append([a] \"x\")", 11, "expected ',' or ')' after argument 1 of Append, found a string")]
    [InlineData("Append([a], 1.5)", 12, "only whole numbers are supported")]
    [InlineData("[a] [b]", 4, "expected the end of the expression")]
    [InlineData("Now", 0, "Now is a function: expected '(' after it")]
    [InlineData("AppRoleAssignmentsComplex([appRoleAssignments])", 0, "HR records do not have")]
    [InlineData("RandomString(3, 2, 2, 0, 0)", 0, "the minimums add up to 4, more than the Length 3")]
    [InlineData("FormatDateTime([d], \"NotAStyle\", \"yyyy\", \"yyyy\")", 20, "unknown dateTimeStyles")]
    [InlineData("   ", 0, "the expression is empty")]
    public void Invalid_expression_is_refused_naming_the_position_and_what_was_expected(string expression, int offset, string message)
    {
        var compilation = RuleExpression.Compile(expression);
        Assert.False(compilation.Succeeded);
        var error = Assert.Single(compilation.Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void Every_semantic_error_of_an_expression_is_reported_in_one_pass()
    {
        var compilation = RuleExpression.Compile("Join(\",\", mid([a], 1, 2), Frobnicate([b]), Left([c]))");
        Assert.Collection(compilation.Errors,
            e => Assert.Equal(10, e.Offset),
            e => Assert.Equal(26, e.Offset),
            e => Assert.Equal(43, e.Offset));
    }

    [Fact]
    public void Expression_of_exactly_ten_thousand_characters_is_accepted()
    {
        var expression = $"\"{new string('x', 9_998)}\"";
        Assert.Equal(10_000, expression.Length);
        Assert.True(RuleExpression.Compile(expression).Succeeded);
    }

    [Fact]
    public void Expression_longer_than_ten_thousand_characters_is_refused_as_Entra_does()
    {
        var expression = $"\"{new string('x', 9_999)}\"";
        var error = Assert.Single(RuleExpression.Compile(expression).Errors);
        Assert.Equal(10_000, error.Offset);
        Assert.Contains("10,001 characters long; Entra allows at most 10,000", error.Message);
    }

    [Fact]
    public void Empty_arguments_are_kept_in_their_places()
    {
        var call = Assert.IsType<FunctionCallNode>(RuleExpression.Parse("Replace([userName], , \"(?<Suffix>@(.)*)\", \"Suffix\", \"\", , )").Root);
        Assert.Equal(7, call.Count);
        Assert.Equal([true, false, true, true, true, false, false], Enumerable.Range(0, 7).Select(call.HasArgument));
        Assert.Equal("jsmith", Evaluate.Text("Replace([userName], , \"(?<Suffix>@(.)*)\", \"Suffix\", \"\", , )", "userName", "jsmith@contoso.com"));
    }

    [Fact]
    public void Call_without_arguments_has_none_rather_than_one_empty_argument() =>
        Assert.Equal(0, Assert.IsType<FunctionCallNode>(RuleExpression.Parse("Guid( )").Root).Count);

    [Theory]
    [InlineData("\"a\\\\b\"", "a\\b")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("\"\\d+\"", "\\d+")]
    [InlineData("\"ünïcødé 🎉\"", "ünïcødé 🎉")]
    public void String_constants_unescape_backslash_and_quotation_mark_only(string expression, string expected) =>
        Assert.Equal(expected, Evaluate.Text(expression));

    [Theory]
    [InlineData("[urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode]", "urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode")]
    [InlineData("[ Prénom ]", "Prénom")]
    [InlineData("[Custom 01]", "Custom 01")]
    public void Attribute_references_take_any_name_up_to_the_closing_bracket(string expression, string name) =>
        Assert.Equal(name, Assert.IsType<AttributeNode>(RuleExpression.Parse(expression).Root).Name);

    [Theory]
    [InlineData("-10", -10)]
    [InlineData("&HF7", 0xF7)]
    [InlineData("&hff", 0xFF)]
    [InlineData("1000", 1000)]
    public void Whole_numbers_may_be_negative_or_hexadecimal(string expression, long expected) =>
        Assert.Equal(expected, Assert.IsType<IntegerNode>(RuleExpression.Parse(expression).Root).Number);

    [Fact]
    public void Expressions_may_span_lines_and_nest_deeply()
    {
        var expression = """
            SelectUniqueValue(
                Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"),
                Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com")
            )
            """;
        var parsed = RuleExpression.Parse(expression);
        Assert.True(parsed.SelectsUniqueValue);
        Assert.Equal(2, parsed.UniqueValueCandidates.Count);
        Assert.Equal(["PreferredFirstName", "PreferredLastName"], parsed.ReferencedAttributes);
    }

    [Fact]
    public void Redact_anywhere_marks_the_expression_as_redacted()
    {
        Assert.True(RuleExpression.Parse("Join(\"-\", Redact([ssn]), [id])").IsRedacted);
        Assert.False(RuleExpression.Parse("Join(\"-\", [ssn], [id])").IsRedacted);
    }

    [Fact]
    public void Every_function_of_the_facts_sheet_is_known_by_its_case_sensitive_name()
    {
        string[] names =
        [
            "Append", "BitAnd", "CBool", "CDate", "Coalesce", "ConvertToBase64", "ConvertToUTF8Hex", "Count", "CStr", "DateAdd",
            "DateDiff", "DateFromNum", "FormatDateTime", "Guid", "IgnoreFlowIfNullOrEmpty", "IIF", "InStr", "IsNull",
            "IsNullOrEmpty", "IsPresent", "IsString", "Item", "Join", "Left", "Mid", "NormalizeDiacritics", "Not", "Now",
            "NumFromDate", "PCase", "RandomString", "Redact", "RemoveDuplicates", "Replace", "SelectUniqueValue",
            "SingleAppRoleAssignment", "Split", "StripSpaces", "Switch", "ToLower", "ToUpper", "Word",
        ];
        Assert.All(names, name => Assert.True(FunctionCatalog.Contains(name), name));
        Assert.Equal(names.Order(StringComparer.Ordinal), FunctionCatalog.All.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.False(FunctionCatalog.Contains("iif"));
    }
}
