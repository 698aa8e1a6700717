using EntraMesh.EntraEmulator.Hosting;
using EntraMesh.Hosting;

namespace EntraMesh.EntraEmulator;

/// <summary>
/// Builds and starts the emulator in-process, for other projects' tests and benchmarks: real Kestrel, real HTTPS, any
/// port (<c>Emulator:Urls=https://127.0.0.1:0</c>). Settings override the defaults (the project's appsettings.json).
/// </summary>
public static class EmulatorApp
{
    /// <summary>The web application, configured but not started.</summary>
    public static WebApplication Create(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null, bool useDefaults = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(EmulatorApp).Assembly.GetName().Name });
        if (useDefaults) builder.Configuration.AddEmulatorDefaults();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddEntraEmulator();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapEntraEmulator();
        return app;
    }

    /// <summary>Creates and starts the emulator; dispose the result to stop it.</summary>
    public static async Task<RunningEmulator> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null,
        bool useDefaults = true, CancellationToken cancellationToken = default)
    {
        var app = Create(settings, configure, useDefaults);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new RunningEmulator(app);
    }
}
