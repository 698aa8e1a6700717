using EntraMesh.Contracts;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Pending;
using EntraMesh.Hosting.Outbox;

namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>
/// Fills a pending line quickly for tests that need a backlog, through the service's own <see cref="PendingStore"/>
/// (the consumer's code path without the broker), many changes per transaction.
/// </summary>
internal static class PendingSeeder
{
    public static async Task SeedAsync(DispatchHost host, IEnumerable<IdentityChangePlanned> plans, int perTransaction = 500)
    {
        var outbox = host.Get<Outbox>();
        var store = host.Get<PendingStore>();
        var targets = host.Get<TargetCatalog>();
        foreach (var chunk in plans.Chunk(perTransaction))
        {
            await using var tx = await outbox.BeginAsync();
            foreach (var plan in chunk)
            {
                targets.TryGet(plan.Target, out var target);
                var operation = PlannedOperation.From(plan, target.Name, out _)!;
                await store.EnqueueAsync(tx, operation, CancellationToken.None);
            }

            await tx.CommitAsync();
        }
    }

    public static IEnumerable<IdentityChangePlanned> Updates(int count, int firstWorker = 100_000, string target = "cloud") =>
        Enumerable.Range(firstWorker, count).Select(i => Plans.Planned(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, ChangeKind.Update, target));
}
