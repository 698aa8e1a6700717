using EntraMesh.Dispatch.Configuration;
using EntraMesh.Hosting.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch.Pending;

/// <summary>
/// Queue <c>planned-change</c>, consumed in batches of <see cref="DispatchOptions.IntakeBatchSize"/>: a backlog of planned
/// changes costs one transaction per batch, not one per change.
/// </summary>
public sealed class PlannedChangeConsumerDefinition(IOptions<DispatchOptions> dispatch, IOptions<MessagingOptions> messaging)
    : ConsumerDefinition<PlannedChangeConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PlannedChangeConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var options = dispatch.Value;
        endpointConfigurator.ConsumeInBatches<PlannedChangeConsumer, Contracts.IdentityChangePlanned>(
            consumerConfigurator, options.IntakeBatchSize, options.IntakeBatchTimeLimit, options.IntakeConcurrentBatches, messaging.Value);
    }
}
