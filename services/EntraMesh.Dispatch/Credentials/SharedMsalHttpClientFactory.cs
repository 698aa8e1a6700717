using Microsoft.Identity.Client;

namespace EntraMesh.Dispatch.Credentials;

/// <summary>Hands MSAL the target's HttpClient, so token requests trust what Graph requests trust.</summary>
public sealed class SharedMsalHttpClientFactory(HttpClient client) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => client;
}
