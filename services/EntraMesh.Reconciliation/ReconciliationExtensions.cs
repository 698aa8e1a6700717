using EntraMesh.Reconciliation.Api.Listing;
using EntraMesh.Reconciliation.Api.Replay;
using EntraMesh.Reconciliation.Api.Summary;
using EntraMesh.Reconciliation.Api.Workers;
using EntraMesh.Reconciliation.Projection;
using EntraMesh.Reconciliation.Stuck;
using EntraMesh.Reconciliation.Telemetry;

namespace EntraMesh.Reconciliation;

public static class ReconciliationExtensions
{
    /// <summary>The <c>Reconciliation</c> options, the projector, the stuck scan and the services behind the ops API.</summary>
    public static IHostApplicationBuilder AddReconciliation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReconciliationOptions>()
            .BindConfiguration(ReconciliationOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => options.DefaultPageSize <= options.MaxPageSize,
                "Reconciliation:DefaultPageSize must not exceed Reconciliation:MaxPageSize.")
            .ValidateOnStart();

        builder.Services.AddSingleton<ReconciliationMetrics>();
        builder.Services.AddSingleton<Projector>();
        builder.Services.AddSingleton<ProjectionWriter>();
        builder.Services.AddSingleton<ManagerReplays>();
        builder.Services.AddHostedService<StuckDetector>();
        builder.Services.AddSingleton<WorkerReader>();
        builder.Services.AddSingleton<ListReader>();
        builder.Services.AddSingleton<SummaryReader>();
        builder.Services.AddSingleton<ReplayService>();
        return builder;
    }
}
