using EntraMesh.Testing;
using Microsoft.Identity.Client;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>Gives MSAL one HttpClient that trusts exactly the emulator's certificate (the set-up machine-notes.md describes).</summary>
internal sealed class PinnedMsalHttpClientFactory(EntraEmulatorServer server) : IMsalHttpClientFactory
{
    readonly HttpClient client = new(server.CreateHandler());

    public HttpClient GetHttpClient() => client;
}
