using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Queue <c>reconciliation-&lt;event&gt;</c> (the prefix keeps it apart from other services' consumers of the same
/// event) and the batch limits from <see cref="ReconciliationOptions"/>.
/// </summary>
public class ProjectionConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected readonly ReconciliationOptions options;

    public ProjectionConsumerDefinition(IOptions<ReconciliationOptions> options)
    {
        this.options = options.Value;
        EndpointName = "reconciliation-" + KebabCaseEndpointNameFormatter.Instance.Consumer<TConsumer>();
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(options.BatchMessageLimit)
            .SetTimeLimit(options.BatchTimeLimit)
            .SetConcurrencyLimit(options.BatchConcurrency));
    }
}

/// <summary>
/// For an event that also arrives as an <see cref="EventBatch{T}"/> (each one already a batch): as many of those at a time
/// as batches of single events.
/// </summary>
public sealed class BatchedProjectionConsumerDefinition<TConsumer, TMessage>(IOptions<ReconciliationOptions> options)
    : ProjectionConsumerDefinition<TConsumer>(options)
    where TConsumer : class, IConsumer<EventBatch<TMessage>>
    where TMessage : class
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
        consumerConfigurator.LimitEventBatches<TConsumer, TMessage>(options.BatchConcurrency);
    }
}
