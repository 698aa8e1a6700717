using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>
/// A class fixture: one emulator with the call limits off, so a class's tests never throttle each other, and with
/// User.Read.All granted to the app so tests can read the directory through Graph.
/// </summary>
public sealed class UnlimitedEmulator : IAsyncLifetime
{
    public EntraEmulatorServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await EntraEmulatorServer.StartAsync(new Dictionary<string, string?>
    {
        ["Emulator:Limits:CallsPerWindow"] = "0",
        ["Emulator:Limits:DailyCalls"] = "0",
        ["Emulator:Tenants:0:Applications:0:Roles:3"] = "User.Read.All",
    });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
