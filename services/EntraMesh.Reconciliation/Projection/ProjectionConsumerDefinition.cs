using MassTransit;
using Microsoft.Extensions.Options;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Queue <c>reconciliation-&lt;event&gt;</c> (the prefix keeps it apart from other services' consumers of the same
/// event) and the batch limits from <see cref="ReconciliationOptions"/>.
/// </summary>
public sealed class ProjectionConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    readonly ReconciliationOptions options;

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
