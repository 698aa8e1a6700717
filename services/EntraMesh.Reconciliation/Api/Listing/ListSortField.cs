namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>What a list is sorted by (see <see cref="ListSort"/>).</summary>
public enum ListSortField
{
    WorkerId,
    UpdatedAt,
}
