using EntraMesh.EntraEmulator.Filtering;

namespace EntraMesh.EntraEmulator.Tests.Units;

/// <summary>The OData filter subset on its own.</summary>
public sealed class FilterParserTests
{
    sealed record Row(string Name, string? Kind, DateTimeOffset At, bool Enabled);

    static readonly Dictionary<string, FilterField<Row>> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = FilterField<Row>.ForText(row => row.Name),
        ["kind/value"] = FilterField<Row>.ForText(row => row.Kind, ignoreCase: true),
        ["at"] = FilterField<Row>.ForTime(row => row.At),
        ["enabled"] = FilterField<Row>.ForFlag(row => row.Enabled),
    };

    static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("name eq 'O''Brien'", true)]
    [InlineData("name eq 'o''brien'", false)]
    [InlineData("kind/value eq 'HR'", true)]
    [InlineData("kind/value ne null", true)]
    [InlineData("name eq 'x' or kind/value eq 'hr' and enabled eq true", true)]
    [InlineData("(name eq 'x' or kind/value eq 'hr') and enabled eq false", false)]
    [InlineData("not enabled eq false", true)]
    [InlineData("at ge 2024-05-01T12:00:00Z and at lt 2024-05-01T12:00:01Z", true)]
    [InlineData("at gt 2024-05-01T14:00:00+02:00", false)]
    [InlineData("at ge '2024-05-01T11:59:59Z'", true)]
    [InlineData("startswith(name, 'O''') and endswith(name, 'rien') and contains(name, 'Bri')", true)]
    [InlineData("NAME EQ 'O''Brien' AND Enabled Eq TRUE", true)]
    public void A_filter_selects_what_it_says(string filter, bool matches)
    {
        var predicate = FilterCompiler<Row>.Compile(FilterParser.Parse(filter), Fields);

        Assert.Equal(matches, predicate(new Row("O'Brien", "hr", Noon, true)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("name")]
    [InlineData("name eq")]
    [InlineData("name eq 'a' and")]
    [InlineData("(name eq 'a'")]
    [InlineData("name eq 'a')")]
    [InlineData("name eq 42")]
    [InlineData("enabled eq 'yes'")]
    [InlineData("at eq 'soon'")]
    [InlineData("contains(enabled, 'x')")]
    [InlineData("other eq 'a'")]
    [InlineData("name gt null")]
    public void A_filter_that_is_not_valid_is_refused_with_a_reason(string filter) =>
        Assert.NotEmpty(Assert.Throws<FilterException>(() => FilterCompiler<Row>.Compile(FilterParser.Parse(filter), Fields)).Message);

    [Fact]
    public void Time_bounds_come_from_the_top_level_and_chain_only()
    {
        var filter = FilterParser.Parse("at ge 2024-05-01T10:00:00Z and (at le 2024-05-01T11:00:00Z or name eq 'x') and at lt 2024-05-02T00:00:00Z");

        var (from, to) = FilterCompiler<Row>.TimeBounds(filter, "at");

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero), to);
    }
}
