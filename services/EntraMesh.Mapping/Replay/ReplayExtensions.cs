using MassTransit;

namespace EntraMesh.Mapping.Replay;

public static class ReplayExtensions
{
    /// <summary>The consumer of <c>ReplayWorkerRequested</c> (call inside <c>AddMessaging</c>).</summary>
    public static IBusRegistrationConfigurator AddReplayConsumer(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ReplayWorkerConsumer, ReplayWorkerConsumerDefinition>();
        return bus;
    }
}
