using MassTransit;

namespace EntraMesh.Mapping.Replay;

/// <summary>Queue <c>mapping-replay-worker-requested</c>.</summary>
public sealed class ReplayWorkerConsumerDefinition : ConsumerDefinition<ReplayWorkerConsumer>
{
    public const string QueueName = "mapping-replay-worker-requested";

    public ReplayWorkerConsumerDefinition() => EndpointName = QueueName;
}
