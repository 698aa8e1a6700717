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

    /// <summary>
    /// Moves the fake clock forward in steps of <paramref name="step"/> until <paramref name="due"/> has passed, then in
    /// 20 ms steps (so the clock stays close to the due time while the releasers and the outbox work in real time), until
    /// <paramref name="done"/> holds.
    /// </summary>
    public async Task AdvanceUntilAsync(DateTimeOffset due, Func<bool> done, TimeSpan step, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within 60 s: {because}");
            Clock.Advance(Clock.GetUtcNow() < due ? step : TimeSpan.FromMilliseconds(20));
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
