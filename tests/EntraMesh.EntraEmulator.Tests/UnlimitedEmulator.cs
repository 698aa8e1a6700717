using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>A class fixture: one emulator with the rate limits off, so a class's tests never throttle each other.</summary>
public sealed class UnlimitedEmulator : IAsyncLifetime
{
    public EntraEmulatorServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await EntraEmulatorServer.StartAsync(new Dictionary<string, string?>
    {
        ["Emulator:Limits:CallsPerWindow"] = "0",
        ["Emulator:Limits:DailyCalls"] = "0",
    });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
