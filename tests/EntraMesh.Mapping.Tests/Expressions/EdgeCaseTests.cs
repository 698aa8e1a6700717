using EntraMesh.Mapping.Rules.Expressions;

namespace EntraMesh.Mapping.Tests.Expressions;

/// <summary>Null inputs, empty arguments, unicode and the corners Microsoft's page states in words.</summary>
public sealed class EdgeCaseTests
{
    const string Missing = Evaluate.Null;

    [Theory]
    [InlineData("Append([x], \".test\")")]
    [InlineData("Mid([x], 1, 2)")]
    [InlineData("ToUpper([x])")]
    [InlineData("ToLower([x], \"tr-TR\")")]
    [InlineData("StripSpaces([x])")]
    [InlineData("NormalizeDiacritics([x])")]
    [InlineData("PCase([x])")]
    [InlineData("Replace([x], \"a\", , , \"b\", , )")]
    [InlineData("Replace([x], , \"a\", , \"b\", , )")]
    [InlineData("FormatDateTime([x], , \"yyyy\", \"yyyy\")")]
    [InlineData("CDate([x])")]
    [InlineData("DateAdd(\"d\", 1, [x])")]
    [InlineData("DateDiff(\"d\", [x], Now())")]
    [InlineData("NumFromDate([x])")]
    [InlineData("DateFromNum([x])")]
    [InlineData("Split([x], \",\")")]
    [InlineData("CStr([x])")]
    [InlineData("InStr([x], \"a\")")]
    [InlineData("ConvertToBase64([x])")]
    [InlineData("Coalesce([x], [y])")]
    [InlineData("Switch([x], , \"a\", \"b\")")]
    [InlineData("IIF([x] = \"\", \"Other\", [x])")]
    [InlineData("Item(Split([x], \",\"), 1)")]
    public void Null_source_gives_null(string expression) => Assert.True(Evaluate.Value(expression, "x", Missing).IsNull);

    [Theory]
    [InlineData("Left([x], 3)", "")]
    [InlineData("Word([x], 1, \" \")", "")]
    [InlineData("Join(\",\", [x], \"b\", [y], \"\", \"c\")", "b,c")]
    [InlineData("Join(\",\", [x])", "")]
    [InlineData("Not([x])", "True")]
    [InlineData("IsNull([x])", "True")]
    [InlineData("IsPresent([x])", "False")]
    [InlineData("IsString([x])", "False")]
    [InlineData("Count([x])", "0")]
    [InlineData("Coalesce([x], [y], \"default\")", "default")]
    [InlineData("Switch([x], \"default\", \"a\", \"b\")", "default")]
    [InlineData("CBool([x])", "False")]
    [InlineData("IIF([x] <> \"a\", \"yes\", \"no\")", "no")]
    public void Null_source_gives_what_Entra_documents(string expression, string expected) =>
        Assert.Equal(expected, Evaluate.Text(expression, "x", Missing, "y", Missing));

    [Theory]
    [InlineData("Left([x], 0)", "")]
    [InlineData("Left([x], -1)", "John Doe")]
    [InlineData("Left([x], 99)", "John Doe")]
    [InlineData("Mid([x], 6, 99)", "Doe")]
    [InlineData("Mid([x], 20, 2)", "")]
    [InlineData("Mid([x], 1, 0)", "")]
    [InlineData("Word([x], 0, \" \")", "")]
    [InlineData("Word([x], 3, \" \")", "")]
    [InlineData("Word([x], 2, \"\")", "")]
    [InlineData("Word([x], 1, \"\")", "John Doe")]
    [InlineData("InStr([x], \"o\", 3)", "7")]
    [InlineData("InStr([x], \"D\", 1, vbTextCompare)", "6")]
    [InlineData("InStr([x], \"d\", 1, vbTextCompare)", "6")]
    [InlineData("InStr([x], \"d\", 1, vbBinaryCompare)", "0")]
    [InlineData("InStr([x], \"\", 4)", "4")]
    [InlineData("StripSpaces([x])", "JohnDoe")]
    [InlineData("Item(Split([x], \" \"), 3)", Missing)]
    [InlineData("Count(Split([x], \" \"))", "2")]
    [InlineData("IsString([x])", "True")]
    [InlineData("BitAnd(\"12\", \"10\")", "8")]
    [InlineData("Replace([x], \"o\", , , , , )", "Jhn De")]
    [InlineData("Replace([x], \"\", , , \"z\", , )", "John Doe")]
    [InlineData("[x] > \"A\"", "True")]
    [InlineData("\"10\" > \"9\"", "True")]
    [InlineData("10 >= 10", "True")]
    [InlineData("CDate(\"2021-01-02\") < CDate(\"2021-01-01\")", "False")]
    [InlineData("SelectUniqueValue([y], [x])", "John Doe")]
    [InlineData("SingleAppRoleAssignment(Split(\"Admin\", \",\"))", "Admin")]
    public void Boundaries_behave_as_documented(string expression, string expected) =>
        Assert.Equal(expected == Missing ? null : expected, Evaluate.Text(expression, "x", "John Doe", "y", ""));

    [Theory]
    [InlineData("Ærøskøbing", "AEroeskoebing")]
    [InlineData("Łódź", "Lodz")]
    [InlineData("Straße", "Strasse")]
    [InlineData("Ğeorge İnci ıs", "George Inci is")]
    [InlineData("ǟṉȫ Ḗ", "ano E")]
    [InlineData("Œuvre æsir", "OEuvre aesir")]
    [InlineData("Renée 🎉 Đorđe", "Renee 🎉 Đorđe")]
    [InlineData("plain ascii", "plain ascii")]
    public void NormalizeDiacritics_follows_Entras_table(string input, string expected) =>
        Assert.Equal(expected, Evaluate.Text("NormalizeDiacritics([x])", "x", input));

    [Theory]
    [InlineData("Mid([x], 3, 1)", "Zoë", "ë")]
    [InlineData("PCase([x])", "ÉLODIE DURAND-ØSTERGÅRD", "Élodie Durand-Østergård")]
    [InlineData("ToUpper([x], \"tr-TR\")", "istanbul", "İSTANBUL")]
    [InlineData("ToUpper([x])", "istanbul", "ISTANBUL")]
    [InlineData("ToLower([x])", "ÀÉÎ", "àéî")]
    [InlineData("ConvertToUTF8Hex([x])", "é", "C3A9")]
    [InlineData("Left([x], 2)", "日本語", "日本")]
    public void Unicode_text_is_handled(string expression, string input, string expected) =>
        Assert.Equal(expected, Evaluate.Text(expression, "x", input));

    [Theory]
    [InlineData("FormatDateTime([x], \"yyyy-MM-dd\", \"dd/MM/yyyy\")", "2024-02-29", "29/02/2024")]
    [InlineData("FormatDateTime([x], \"AdjustToUniversal\", \"yyyy-MM-ddTHH:mm:sszzz\", \"yyyy-MM-ddTHH:mm:ssZ\")", "2024-02-29T23:30:00-05:00", "2024-03-01T04:30:00Z")]
    [InlineData("FormatDateTime([x], , \"yyyy-MM-dd\", \"yyyy-MM-ddT00:00:00zzz\")", "2021-05-01", "2021-05-01T00:00:00+00:00")]
    [InlineData("FormatDateTime([x], , \"M/d/yyyy h:mm:ss tt\", \"yyyyMMdd\")", "3/16/2020 7:00:00 AM", "20200316")]
    [InlineData("DateFromNum(NumFromDate(\"2021-01-01T07:59:59Z\"))", "", "1/1/2021 7:59:59 AM")]
    [InlineData("DateAdd(\"h\", 25, CDate(\"2024-02-28T00:00:00Z\"))", "", "2/29/2024 1:00:00 AM")]
    [InlineData("DateAdd(\"n\", -90, CDate(\"2024-01-01T00:00:00Z\"))", "", "12/31/2023 10:30:00 PM")]
    [InlineData("DateAdd(\"s\", 61, CDate(\"2024-01-01T00:00:00Z\"))", "", "1/1/2024 12:01:01 AM")]
    [InlineData("DateAdd(\"m\", 1, CDate(\"2024-01-31\"))", "", "2/29/2024 12:00:00 AM")]
    [InlineData("DateDiff(\"ww\", \"2024-06-01\", \"2024-06-02\")", "", "1")]
    [InlineData("DateDiff(\"yyyy\", \"2023-12-31\", \"2024-01-01\")", "", "1")]
    public void Dates_convert_and_compute_in_UTC(string expression, string input, string expected) =>
        Assert.Equal(expected, Evaluate.Text(expression, "x", input));

    [Theory]
    [InlineData("CDate([x])", "not a date", "CDate: expression must be a date, got \"not a date\"")]
    [InlineData("FormatDateTime([x], , \"yyyy-MM-dd\", \"yyyy\")", "31/01/2024", "does not match the input format \"yyyy-MM-dd\"")]
    [InlineData("Mid([x], [x], 1)", "abc", "Mid: start must be a whole number, got \"abc\"")]
    [InlineData("CBool([x])", "maybe", "CBool: expected True, False or a number")]
    [InlineData("DateAdd([x], 1, Now())", "q", "interval must be one of")]
    [InlineData("ToLower(\"A\", [x])", "zz-Invalid", "unknown culture")]
    [InlineData("Replace(\"a\", , [x], , \"\", , )", "(", "invalid regular expression")]
    public void Values_that_do_not_fit_fail_the_evaluation_with_a_message_naming_the_problem(string expression, string input, string message)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Evaluate.Value(expression, "x", input));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void IgnoreFlowIfNullOrEmpty_flags_a_null_or_empty_value_and_passes_others_through()
    {
        var expression = RuleExpression.Parse("IgnoreFlowIfNullOrEmpty(Switch([prefix], \"\", \"3443\", \"Dr.\", \"3444\", \"Prof.\", \"3445\", \"Prof. Dr.\"))");
        var context = new EvaluationContext(Evaluate.Attributes("prefix", "9999"), Evaluate.Environment());
        Assert.Equal("", expression.Evaluate(context).AsText());
        Assert.True(context.FlowIgnored);

        context = new EvaluationContext(Evaluate.Attributes("prefix", "3444"), Evaluate.Environment());
        Assert.Equal("Prof.", expression.Evaluate(context).AsText());
        Assert.False(context.FlowIgnored);
    }

    [Fact]
    public void Compiled_expression_is_shared_safely_by_parallel_evaluations()
    {
        var expression = RuleExpression.Parse("Replace(ToLower(Join(\".\", [a], [b])), , \"[^a-z.]\", , \"\", , )");
        Parallel.For(0, 2_000, i =>
        {
            var value = expression.Evaluate(Evaluate.Attributes("a", $"A{i}x", "b", "B-y"), Evaluate.Environment()).AsText();
            Assert.Equal("ax.by", value);
        });
    }
}
