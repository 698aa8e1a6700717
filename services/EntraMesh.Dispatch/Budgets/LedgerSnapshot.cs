namespace EntraMesh.Dispatch.Budgets;

/// <summary>
/// A tenant's calls as the ledger shows them at <see cref="Now"/> (the database clock). A call reached Entra somewhere
/// between its reservation and its completion; <see cref="RecentArrivalBounds"/> are the latest possible arrival
/// times (completion, or reservation + request timeout while unanswered) of the calls that may still count in the
/// rate window, in ascending order.
/// </summary>
public sealed record LedgerSnapshot(
    DateTimeOffset Now,
    IReadOnlyList<DateTimeOffset> RecentArrivalBounds,
    int CallsInLastDay,
    DateTimeOffset? OldestInLastDay,
    DateTimeOffset? ThrottledUntil);
