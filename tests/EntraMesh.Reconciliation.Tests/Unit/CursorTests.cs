using EntraMesh.Reconciliation.Api.Listing;

namespace EntraMesh.Reconciliation.Tests.Unit;

public sealed class CursorTests
{
    [Fact]
    public void A_cursor_survives_the_round_trip_exactly()
    {
        var cursor = new Cursor("-updatedAt", ListScope.Targets, new DateTimeOffset(2026, 11, 26, 9, 30, 15, TimeSpan.Zero).AddTicks(1230), "work/day", "ünï,cødé", "cloud");

        Assert.Equal(cursor, Cursor.TryDecode(cursor.Encode()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("e30")]
    [InlineData("bm90IGpzb24")]
    public void Anything_else_is_not_a_cursor(string value) => Assert.Null(Cursor.TryDecode(value));
}
