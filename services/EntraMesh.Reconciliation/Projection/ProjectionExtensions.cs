using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Projection.Consumers;
using MassTransit;

namespace EntraMesh.Reconciliation.Projection;

public static class ProjectionExtensions
{
    /// <summary>The batch consumers of every pipeline event, one queue each (<c>reconciliation-&lt;event&gt;</c>).</summary>
    public static IBusRegistrationConfigurator AddReconciliationProjection(this IBusRegistrationConfigurator bus)
    {
        AddBatched<WorkerRecordAcceptedConsumer, WorkerRecordAccepted>(bus);
        AddBatched<IdentityChangePlannedConsumer, IdentityChangePlanned>(bus);
        AddBatched<IdentityChangeSkippedConsumer, IdentityChangeSkipped>(bus);
        AddBatched<IdentityChangeQueuedConsumer, IdentityChangeQueued>(bus);
        Add<ProvisioningSubmittedConsumer>(bus);
        Add<ProvisioningRejectedConsumer>(bus);
        AddBatched<ProvisioningOutcomeObservedConsumer, ProvisioningOutcomeObserved>(bus);
        return bus;
    }

    static void Add<TConsumer>(IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer, ProjectionConsumerDefinition<TConsumer>>();

    static void AddBatched<TConsumer, TMessage>(IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer<EventBatch<TMessage>>
        where TMessage : class =>
        bus.AddConsumer<TConsumer, BatchedProjectionConsumerDefinition<TConsumer, TMessage>>();
}
