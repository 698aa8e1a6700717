using EntraMesh.Testing;
namespace EntraMesh.Gateway.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_route_to_dispatch_refuses_to_start_naming_the_setting()
    {
        await using var backend = await EchoBackend.StartAsync("dispatch");
        var error = await StartupFailure.OfAsync(async () =>
        {
            await using var factory = new GatewayFactory(backend, backend, backend, new Dictionary<string, string?>
            {
                ["ReverseProxy:Clusters:dispatch:Destinations:primary:Address"] = backend.Address.ToString(),
            });
            factory.CreateClient();
        });

        Assert.Contains("ReverseProxy:Clusters:dispatch", error.ToString());
    }

    [Fact]
    public async Task An_authority_without_an_audience_refuses_to_start_naming_the_setting()
    {
        await using var backend = await EchoBackend.StartAsync("any");
        var error = await StartupFailure.OfAsync(async () =>
        {
            await using var factory = new GatewayFactory(backend, backend, backend, new Dictionary<string, string?>
            {
                ["Gateway:Authentication:Authority"] = "https://login.microsoftonline.com/tenant/v2.0",
            });
            factory.CreateClient();
        });

        Assert.Contains("Gateway:Authentication:Audience", error.ToString());
    }
}
