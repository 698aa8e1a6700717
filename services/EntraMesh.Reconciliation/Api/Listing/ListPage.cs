namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>A page of a list; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (null on the last page).</summary>
public sealed record ListPage(IReadOnlyList<ListItem> Items, string? NextCursor, int Limit, string Sort);
