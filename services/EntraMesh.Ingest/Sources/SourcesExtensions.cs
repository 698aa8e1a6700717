using EntraMesh.Ingest.Records;
using EntraMesh.Ingest.SqlPolling;
using Microsoft.Extensions.Options;

namespace EntraMesh.Ingest.Sources;

public static class SourcesExtensions
{
    /// <summary>
    /// The <c>Ingest</c> options, the configured <c>Sources</c> (validated at start, naming the wrong setting), record
    /// acceptance and the SQL source pollers.
    /// </summary>
    public static IHostApplicationBuilder AddSources(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SourcesOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(SourcesOptions.Section).Bind(options.Sources))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>();
        builder.Services.AddSingleton<DevelopmentSecrets>();
        builder.Services.AddSingleton<SourceCatalog>();
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton<RecordAcceptor>();
        builder.Services.AddSingleton<RejectionStore>();
        builder.Services.AddHostedService<SqlPollingService>();
        return builder;
    }
}
