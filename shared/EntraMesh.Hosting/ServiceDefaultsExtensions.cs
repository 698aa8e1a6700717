using EntraMesh.Hosting.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace EntraMesh.Hosting;

/// <summary>What every EntraMesh service has: secrets from mounted files, telemetry, health endpoints, problem details.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks with this tag decide <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Health checks with this tag decide <c>/health/live</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>Folder of mounted secret files (one file per key, <c>__</c> for <c>:</c>), read when it exists.</summary>
    public const string SecretsDirectoryVariable = "ENTRAMESH_SECRETS_DIR";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // Secrets come from the environment or from mounted files (Kubernetes Secret volumes), never from the repository.
        var secretsDirectory = builder.Configuration[SecretsDirectoryVariable] ?? "/run/secrets/entramesh";
        builder.Configuration.AddKeyPerFile(secretsDirectory, optional: true, reloadOnChange: false);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        // Every error answer is an RFC 9457 problem document; enums travel as names in every HTTP API.
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi();

        // Services sit behind the gateway (network policies let nothing else reach them), so by default they take its
        // X-Forwarded-* headers (the servers of their OpenAPI documents then name the gateway). The gateway itself, the
        // public entry, takes them only when ForwardedHeaders:Enabled names the proxies in front of it (KnownNetworks).
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            var section = configuration.GetSection("ForwardedHeaders");
            if (section.GetValue("TrustAllProxies", true))
            {
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
            }

            foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>
    /// Problem details for unhandled errors and bare status codes, <c>/health/live</c>, <c>/health/ready</c>,
    /// <c>/metrics</c>, the OpenAPI document (<c>/openapi/v1.json</c>) and its browsable reference (<c>/scalar/v1</c>),
    /// in every environment. Call it right after <c>Build()</c>.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", true)) app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).DisableHttpMetrics();

        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).DisableHttpMetrics();

        app.MapPrometheusScrapingEndpoint("/metrics").DisableHttpMetrics();
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
