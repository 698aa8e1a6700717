using EntraMesh.Mapping.Tests.Samples;
using EntraMesh.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.Mapping.Tests.Support;

/// <summary>
/// One mapping replica running the CSV2SCIM sample rule set (America/Chicago, 14-day pre-hire window) on a fake clock,
/// its own database and virtual host, and the test's bus probe. Tests of a class share it and use their own worker ids.
/// </summary>
public class PlanningFixture : IsolatedInfrastructure
{
    /// <summary>The fake clock's start: a Monday, 12:00 UTC (06:00 in Chicago).</summary>
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public MappingHost Host { get; private set; } = null!;

    public MappingBus Bus { get; private set; } = null!;

    protected virtual string RulesPath => SampleFiles.RuleSetPath;

    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Run the service on <see cref="Clock"/>; false runs it on the system clock (hot reload polls on it).</summary>
    protected virtual bool UsesFakeClock => true;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Host = await MappingHost.StartAsync(this, RulesPath, UsesFakeClock ? Clock : null, Settings);
        Bus = await MappingBus.StartAsync(RabbitMqUri);
    }

    /// <summary>Waits until mapping consumed everything sent so far and its outbox published everything it wrote.</summary>
    public async Task QuiesceAsync()
    {
        await WaitForQueuesToDrainAsync(TimeSpan.FromSeconds(30));
        await Eventually.WaitForAsync(() => ScalarAsync<long>("SELECT count(*) FROM mapping.outbox_message"), rows => rows == 0, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
    }

    public Task<long> CountAsync(string sql) => ScalarAsync<long>(sql);

    public override async ValueTask DisposeAsync()
    {
        if (Bus is not null) await Bus.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
