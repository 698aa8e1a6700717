using EntraMesh.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EntraMesh.Hosting.Tests;

/// <summary>Claiming a batch consumer's messages in the inbox in one statement (against real PostgreSQL).</summary>
public sealed class InboxBatchTests
{
    [Fact]
    public async Task Batch_claim_returns_only_ids_not_claimed_before_and_each_id_once()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var service = await ProbeService.StartAsync(infrastructure, consume: false);
        var outbox = service.Services.GetRequiredService<Outbox.Outbox>();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();

        await using (var first = await outbox.BeginAsync())
        {
            Assert.Equal(new[] { a, b }.Order(), (await first.TryClaimMessagesAsync([a, b, a], "batch-consumer", CancellationToken.None)).Order());
            await first.CommitAsync();
        }

        await using (var second = await outbox.BeginAsync())
        {
            Assert.Equal([c], await second.TryClaimMessagesAsync([b, c, a], "batch-consumer", CancellationToken.None));
            Assert.Equal([a], await second.TryClaimMessagesAsync([a], "another-consumer", CancellationToken.None));
            await second.CommitAsync();
        }

        Assert.Equal(4, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.inbox_message"));
    }

    [Fact]
    public async Task Concurrent_batch_claim_of_the_same_id_waits_for_the_first_and_then_finds_it_claimed()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var service = await ProbeService.StartAsync(infrastructure, consume: false);
        var outbox = service.Services.GetRequiredService<Outbox.Outbox>();
        var id = Guid.NewGuid();

        await using var first = await outbox.BeginAsync();
        Assert.Single(await first.TryClaimMessagesAsync([id], "batch-consumer", CancellationToken.None));
        var secondClaim = Task.Run(async () =>
        {
            await using var second = await outbox.BeginAsync();
            var claimed = await second.TryClaimMessagesAsync([Guid.NewGuid(), id], "batch-consumer", CancellationToken.None);
            await second.CommitAsync();
            return claimed;
        });

        await Task.Delay(500);
        Assert.False(secondClaim.IsCompleted);
        await first.CommitAsync();
        var claimedBySecond = await secondClaim.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(id, claimedBySecond);
        Assert.Single(claimedBySecond);
    }
}
