using EntraMesh.Contracts;
using EntraMesh.Mapping.Tests.Samples;
using EntraMesh.Mapping.Tests.Support;
using EntraMesh.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.Mapping.Tests.Holding;

/// <summary>Held changes live in PostgreSQL: a service that holds a change and stops leaves it to the next one.</summary>
public sealed class HeldChangeRestartTests
{
    [Fact]
    public async Task Change_held_by_a_stopped_service_is_released_by_the_next_one()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var clock = new FakeTimeProvider(PlanningFixture.Start);
        await using var bus = await MappingBus.StartAsync(infrastructure.RabbitMqUri);
        var worker = Workers.NewId("restart");
        var due = clock.GetUtcNow().AddDays(1);

        await using (var first = await MappingHost.StartAsync(infrastructure, SampleFiles.RuleSetPath, clock))
        {
            await bus.PublishAsync(Workers.Record(worker, 1, Workers.Employee(worker), clock.GetUtcNow(), effectiveAt: due));
            await bus.WaitForAsync(worker, 1);
            Assert.Equal(SkipReason.Held, Assert.Single(bus.SkippedFor(worker)).Reason);
        }

        var later = new FakeTimeProvider(due.AddMinutes(1));
        await using var second = await MappingHost.StartAsync(infrastructure, SampleFiles.RuleSetPath, later);
        await Eventually.WaitForAsync(() => Task.FromResult(bus.PlannedFor(worker).Count), count => count > 0, TimeSpan.FromSeconds(30), "held joiner released");

        var joiner = Assert.Single(bus.PlannedFor(worker));
        Assert.Equal((ChangeKind.Joiner, due.AddMinutes(1)), (joiner.ChangeKind, joiner.PlannedAt));
        Assert.Equal(0, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM mapping.held_change"));
    }
}
