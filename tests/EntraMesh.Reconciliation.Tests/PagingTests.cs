using System.Net.Http.Json;
using EntraMesh.Reconciliation.Api.Listing;
using EntraMesh.Reconciliation.Tests.Infrastructure;

namespace EntraMesh.Reconciliation.Tests;

/// <summary>Keyset paging over a large read model while the projection keeps writing.</summary>
public sealed class PagingTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    [Fact]
    public async Task Paging_over_100000_workers_has_no_duplicates_or_gaps_while_new_events_arrive()
    {
        var seeded = await BulkSeed.SucceededWorkersAsync(fixture, "seed", 100_000);
        var host = fixture.Host;
        using var stop = new CancellationTokenSource();

        // While paging: new workers whose ids fall before, between and after the seeded ones, and new revisions of seeded ones.
        var arriving = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await host.Bus.Publish(new Journey("seed", $"w{n * 997 % 100_000:D6}-new").Accepted());
                await host.Bus.Publish(new Journey("seed", $"a-{n}").Accepted());
                await host.Bus.Publish(new Journey("seed", $"w{n * 991 % 100_000:D6}", revision: 2).Accepted());
                n++;
                await Task.Delay(5);
            }

            return n;
        });

        var seen = new List<string>(110_000);
        var pages = 0;
        string? cursor = null;
        var before = await fixture.ScalarAsync<long>("SELECT count(*) FROM worker", "reconciliation");
        do
        {
            var url = "/api/reconciliation/workers?sourceId=seed&limit=1000" + (cursor is null ? "" : "&cursor=" + cursor);
            var page = (await host.Client.GetFromJsonAsync<ListPage>(url, ReconciliationHost.Json))!;
            seen.AddRange(page.Items.Select(item => item.WorkerId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);
        var after = await fixture.ScalarAsync<long>("SELECT count(*) FROM worker", "reconciliation");
        await stop.CancelAsync();
        var published = await arriving;

        Assert.True(after > before, $"events must arrive while paging (published {published} rounds)");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(seeded.Except(seen));
        Assert.True(pages >= 100);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }
}
