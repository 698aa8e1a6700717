using EntraMesh.Testing;

namespace EntraMesh.Hosting.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Two_hosts_migrating_at_the_same_moment_both_start_and_the_schema_is_applied_once()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();

        // The scripts are not idempotent (plain CREATE TABLE): had both hosts applied them, one would fail.
        var first = ProbeService.StartAsync(infrastructure);
        var second = ProbeService.StartAsync(infrastructure);
        await using var a = await first;
        await using var b = await second;

        var applied = await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.schema_versions");
        var distinct = await infrastructure.ScalarAsync<long>("SELECT count(DISTINCT scriptname) FROM probe.schema_versions");
        Assert.Equal(2, applied);   // the outbox/inbox script and the probe's own
        Assert.Equal(applied, distinct);
        Assert.Equal(0, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.effect"));
        Assert.Equal(0, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.outbox_message"));
    }

    [Fact]
    public async Task A_restarted_host_finds_nothing_left_to_apply()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await (await ProbeService.StartAsync(infrastructure)).DisposeAsync();
        await using var again = await ProbeService.StartAsync(infrastructure);

        Assert.Equal(2, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.schema_versions"));
    }
}
