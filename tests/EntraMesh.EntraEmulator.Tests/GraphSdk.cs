using EntraMesh.Testing;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>The Microsoft Graph .NET SDK pointed at the emulator's base URL, with a bearer token and the certificate pinned.</summary>
internal static class GraphSdk
{
    public static GraphServiceClient Create(EntraEmulatorServer server, string token)
    {
        var http = GraphClientFactory.Create(finalHandler: server.CreateHandler());
        var authentication = new BaseBearerTokenAuthenticationProvider(new StaticTokenProvider(token, server.BaseUrl.Host));
        return new GraphServiceClient(http, authentication, server.GraphBaseUrl);
    }

    sealed class StaticTokenProvider(string token, string host) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) => Task.FromResult(token);
    }
}
