using EntraMesh.Reconciliation.Api.Csv;

namespace EntraMesh.Reconciliation.Tests.Unit;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+49 170", "'+49 170")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=A1,B1", "\"'=A1,B1\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Cells_are_quoted_and_formulas_neutralised(string value, string expected) => Assert.Equal(expected, CsvCell.Format(value));

    [Fact]
    public void Times_are_UTC_ISO_8601_and_numbers_invariant()
    {
        Assert.Equal("2026-11-26T08:30:00.000000Z", CsvCell.Format(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(1))));
        Assert.Equal("1.5", CsvCell.Format(1.5));
        Assert.Equal("cloud;onprem", CsvCell.Format(new[] { "cloud", "onprem" }));
    }
}
