using EntraMesh.EntraEmulator.Certificates;
using EntraMesh.EntraEmulator.Hosting;
using EntraMesh.EntraEmulator.State;
using EntraMesh.EntraEmulator.Tenancy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EntraMesh.EntraEmulator;

/// <summary>A started emulator: where it listens, its certificate, its state, and its services. Dispose to stop it.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    internal RunningEmulator(WebApplication app)
    {
        App = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(EmulatorManifest.ClientAddress(address) + "/");
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>e.g. <c>https://127.0.0.1:41234/</c> (ends with a slash).</summary>
    public Uri BaseUrl { get; }

    public EmulatorCertificate Certificate => Services.GetRequiredService<EmulatorCertificate>();

    public StateDirectory State => Services.GetRequiredService<StateDirectory>();

    public EmulatorRegistry Registry => Services.GetRequiredService<EmulatorRegistry>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
