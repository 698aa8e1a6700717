namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>
/// Sort order of a list. <c>workerId</c> (source, worker id, target) never changes for a row, so paging by it is stable
/// while events arrive: no row is returned twice and no row that existed when paging began is skipped.
/// <c>updatedAt</c> orders by the last change; a row that changes while paging moves to its new place.
/// </summary>
public sealed record ListSort(ListSortField Field, bool Descending)
{
    public static readonly ListSort Default = new(ListSortField.WorkerId, false);

    public override string ToString() => (Descending ? "-" : "") + (Field == ListSortField.WorkerId ? "workerId" : "updatedAt");
}
