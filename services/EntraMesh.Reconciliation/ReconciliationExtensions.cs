using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Reconciliation.Api;
using EntraMesh.Reconciliation.Api.Listing;
using EntraMesh.Reconciliation.Api.Replay;
using EntraMesh.Reconciliation.Api.Summary;
using EntraMesh.Reconciliation.Api.Workers;
using EntraMesh.Reconciliation.Projection;
using EntraMesh.Reconciliation.Projection.Consumers;
using EntraMesh.Reconciliation.Stuck;
using EntraMesh.Reconciliation.Telemetry;
using MassTransit;

namespace EntraMesh.Reconciliation;

public static class ReconciliationExtensions
{
    /// <summary>
    /// The read model (schema <c>reconciliation</c>), the batch consumers of every pipeline event, the stuck scan and
    /// the services behind the ops API.
    /// </summary>
    public static IHostApplicationBuilder AddReconciliation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReconciliationOptions>()
            .BindConfiguration(ReconciliationOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => options.DefaultPageSize <= options.MaxPageSize,
                "Reconciliation:DefaultPageSize must not exceed Reconciliation:MaxPageSize.")
            .ValidateOnStart();

        builder.AddServiceDatabase("reconciliation", typeof(ReconciliationExtensions).Assembly);
        builder.AddMessaging(bus =>
        {
            AddProjection<WorkerRecordAcceptedConsumer>(bus);
            AddProjection<IdentityChangePlannedConsumer>(bus);
            AddProjection<IdentityChangeSkippedConsumer>(bus);
            AddProjection<IdentityChangeQueuedConsumer>(bus);
            AddProjection<ProvisioningSubmittedConsumer>(bus);
            AddProjection<ProvisioningRejectedConsumer>(bus);
            AddProjection<ProvisioningOutcomeObservedConsumer>(bus);
        });

        builder.Services.AddSingleton<ReconciliationMetrics>();
        builder.Services.AddSingleton<Projector>();
        builder.Services.AddHostedService<StuckDetector>();
        builder.Services.AddSingleton<WorkerReader>();
        builder.Services.AddSingleton<ListReader>();
        builder.Services.AddSingleton<SummaryReader>();
        builder.Services.AddSingleton<ReplayService>();
        return builder;
    }

    static void AddProjection<TConsumer>(IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer, ProjectionConsumerDefinition<TConsumer>>();
}
