using EntraMesh.Hosting.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Queue <c>mapping-worker-record-accepted</c> (named for the service, so it never meets another service's consumer of the
/// same event), consumed in batches of <see cref="PlanningOptions.BatchSize"/>.
/// </summary>
public sealed class WorkerRecordConsumerDefinition : ConsumerDefinition<WorkerRecordConsumer>
{
    public const string QueueName = "mapping-worker-record-accepted";

    readonly PlanningOptions planning;
    readonly MessagingOptions messaging;

    public WorkerRecordConsumerDefinition(IOptions<PlanningOptions> planning, IOptions<MessagingOptions> messaging)
    {
        this.planning = planning.Value;
        this.messaging = messaging.Value;
        EndpointName = QueueName;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<WorkerRecordConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConsumeInBatches<WorkerRecordConsumer, Contracts.WorkerRecordAccepted>(consumerConfigurator, planning.BatchSize, planning.BatchTimeLimit, planning.ConcurrentBatches, messaging);
    }
}
