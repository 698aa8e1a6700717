using EntraMesh.Reconciliation.Projection.Consumers;
using MassTransit;

namespace EntraMesh.Reconciliation.Projection;

public static class ProjectionExtensions
{
    /// <summary>The batch consumers of every pipeline event, one queue each (<c>reconciliation-&lt;event&gt;</c>).</summary>
    public static IBusRegistrationConfigurator AddReconciliationProjection(this IBusRegistrationConfigurator bus)
    {
        Add<WorkerRecordAcceptedConsumer>(bus);
        Add<IdentityChangePlannedConsumer>(bus);
        Add<IdentityChangeSkippedConsumer>(bus);
        Add<IdentityChangeQueuedConsumer>(bus);
        Add<ProvisioningSubmittedConsumer>(bus);
        Add<ProvisioningRejectedConsumer>(bus);
        Add<ProvisioningOutcomeObservedConsumer>(bus);
        return bus;
    }

    static void Add<TConsumer>(IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer, ProjectionConsumerDefinition<TConsumer>>();
}
