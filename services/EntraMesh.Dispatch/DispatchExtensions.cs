using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Budgets;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Credentials;
using EntraMesh.Dispatch.LogPolling;
using EntraMesh.Dispatch.Maintenance;
using EntraMesh.Dispatch.Observability;
using EntraMesh.Dispatch.Pending;
using EntraMesh.Dispatch.Sending;
using EntraMesh.Dispatch.TargetHealth;
using EntraMesh.Hosting;
using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch;

public static class DispatchExtensions
{
    /// <summary>Targets and credentials, the pending store, batchers, budgets, the log poller, metrics and the health entry.</summary>
    public static IHostApplicationBuilder AddDispatch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DispatchOptions>()
            .BindConfiguration(DispatchOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>();
        builder.Services.AddOptions<LogPollingOptions>()
            .BindConfiguration($"{DispatchOptions.Section}:LogPolling")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<TargetCatalog>();
        builder.Services.AddSingleton<TargetHttpClients>();
        builder.Services.AddSingleton<AccessTokens>();

        builder.Services.AddSingleton<PendingStore>();
        builder.Services.AddSingleton<PendingSignals>();
        builder.Services.AddSingleton<CallLedger>();
        builder.Services.AddSingleton<BatchQueue>();
        builder.Services.AddSingleton<BulkUploadClient>();
        builder.Services.AddSingleton<CallRecorder>();
        builder.Services.AddSingleton<BatchSender>();
        builder.Services.AddSingleton<TargetDispatcher>();
        builder.Services.AddHostedService<DispatchWorker>();

        builder.Services.AddSingleton<ProvisioningLogClient>();
        builder.Services.AddSingleton<OutcomeMatcher>();
        builder.Services.AddSingleton<ProvisioningLogPoller>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ProvisioningLogPoller>());

        builder.Services.AddSingleton<DispatchStatus>();
        builder.Services.AddSingleton<DispatchMetrics>();
        builder.Services.AddSingleton<StatusRefresher>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StatusRefresher>());
        builder.Services.AddHostedService<HistoryCleanup>();
        builder.Services.AddHealthChecks().AddCheck<EntraTargetsHealthCheck>("entra-targets", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
