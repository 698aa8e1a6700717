using EntraMesh.EntraEmulator.BulkUpload;
using EntraMesh.EntraEmulator.Certificates;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Users;
using EntraMesh.EntraEmulator.Faults;
using EntraMesh.EntraEmulator.Graph;
using EntraMesh.EntraEmulator.Identity;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.Persistence;
using EntraMesh.EntraEmulator.Processing;
using EntraMesh.EntraEmulator.ProvisioningLogs;
using EntraMesh.EntraEmulator.State;
using EntraMesh.EntraEmulator.Tenancy;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace EntraMesh.EntraEmulator.Hosting;

/// <summary>Wires the emulator into a web application: configuration, HTTPS, state, services and endpoints.</summary>
public static class EmulatorHostingExtensions
{
    const string DefaultsResource = "EntraMesh.EntraEmulator.appsettings.json";

    /// <summary>The emulator's default configuration (the project's appsettings.json, embedded) as the lowest-priority source.</summary>
    public static IConfigurationManager AddEmulatorDefaults(this IConfigurationManager configuration)
    {
        var stream = typeof(EmulatorHostingExtensions).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultsResource} is missing.");
        configuration.Sources.Insert(0, new JsonStreamConfigurationSource { Stream = stream });
        return configuration;
    }

    /// <summary>
    /// Validates the configuration (a wrong setting stops the start naming it), prepares the state folder and the TLS
    /// certificate, makes Kestrel serve HTTPS on <c>Emulator:Urls</c>, and registers the emulator's services.
    /// </summary>
    public static WebApplicationBuilder AddEntraEmulator(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EmulatorOptions.Section).Get<EmulatorOptions>() ?? new EmulatorOptions();
        EmulatorOptionsValidator.ThrowIfInvalid(options);
        var state = new StateDirectory(options.ResolvedStateDirectory);
        var certificate = EmulatorCertificate.Resolve(options.Certificate, state, TimeProvider.System);

        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate.Certificate);
        });

        var services = builder.Services;
        services.AddOptions<EmulatorOptions>().BindConfiguration(EmulatorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.AddSingleton(state);
        services.AddSingleton(certificate);
        services.AddSingleton<EmulatorRegistry>();
        services.AddSingleton<RuntimeSettings>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<EmulatorCounters>();
        services.AddSingleton<CallLog>();
        services.AddSingleton<TokenSigningKey>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<MetadataEndpoints>();
        services.AddSingleton<GraphAuthorizer>();
        services.AddSingleton<BulkUploadEndpoint>();
        services.AddSingleton<ProvisioningLogsEndpoint>();
        services.AddSingleton<JobEndpoints>();
        services.AddSingleton<UsersEndpoint>();
        services.AddSingleton<BatchProcessor>();
        services.AddSingleton<TenantJournal>();
        // Before the job processors: the journal's staged uploads are queued again before anything is processed.
        services.AddHostedService<JournalRecovery>();
        services.AddHostedService<JobProcessingService>();
        services.AddHostedService<EmulatorManifest>();
        return builder;
    }

    /// <summary>The call pipeline (request ids, faults, call log) and every endpoint: identity platform, Graph, <c>/_emulator/</c>.</summary>
    public static WebApplication MapEntraEmulator(this WebApplication app)
    {
        app.UseMiddleware<CallMiddleware>();
        app.MapIdentityPlatform();
        app.MapGraph();
        app.MapInspection();
        return app;
    }
}
