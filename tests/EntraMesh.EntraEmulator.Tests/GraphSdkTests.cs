using EntraMesh.Testing;
using Microsoft.Graph;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>Tests that read the emulator with the Microsoft Graph .NET SDK, as a user's own tooling would: a token and an SDK client per test.</summary>
public abstract class GraphSdkTests(UnlimitedEmulator fixture) : IAsyncLifetime
{
    protected EntraEmulatorServer Server { get; } = fixture.Server;
    private protected EmulatorClient Client { get; private set; } = null!;
    protected GraphServiceClient Graph { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Client = await EmulatorClient.CreateAsync(Server);
        Graph = GraphSdk.Create(Server, Client.Token);
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        Graph.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
