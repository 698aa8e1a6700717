using EntraMesh.Mapping.Tests.Samples;
using EntraMesh.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.Mapping.Tests.Support;

/// <summary>
/// Two mapping replicas on one database and virtual host (competing for the same queue and the same held changes), both
/// on one fake clock, running the CSV2SCIM sample rule set.
/// </summary>
public sealed class TwoReplicasFixture : IsolatedInfrastructure
{
    public FakeTimeProvider Clock { get; } = new(PlanningFixture.Start);

    public IReadOnlyList<MappingHost> Replicas { get; private set; } = [];

    public MappingBus Bus { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // Small release batches, so that both replicas' releasers take due rows in the same rounds.
        var settings = new Dictionary<string, string?> { ["Holding:BatchSize"] = "3" };
        var first = await MappingHost.StartAsync(this, SampleFiles.RuleSetPath, Clock, settings);
        var second = await MappingHost.StartAsync(this, SampleFiles.RuleSetPath, Clock, settings);
        Replicas = [first, second];
        Bus = await MappingBus.StartAsync(RabbitMqUri);
    }

    /// <summary>Moves the fake clock forward in small steps, giving the releasers time to run, until <paramref name="done"/> holds.</summary>
    public async Task AdvanceUntilAsync(Func<bool> done, TimeSpan step, TimeSpan most, string because)
    {
        var limit = Clock.GetUtcNow() + most;
        while (!done())
        {
            if (Clock.GetUtcNow() >= limit) throw new TimeoutException($"Not within {most} of fake time: {because}");
            Clock.Advance(step);
            await Task.Delay(100);
        }
    }

    public async Task QuiesceAsync()
    {
        await WaitForQueuesToDrainAsync(TimeSpan.FromSeconds(30));
        await Eventually.WaitForAsync(() => ScalarAsync<long>("SELECT count(*) FROM mapping.outbox_message"), rows => rows == 0, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Bus is not null) await Bus.DisposeAsync();
        foreach (var replica in Replicas) await replica.DisposeAsync();
        await base.DisposeAsync();
    }
}
