using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace EntraMesh.Gateway.Tests;

/// <summary>
/// The gateway configured only with an authority and an audience (as for Entra or the local emulator) discovers the
/// authority's signing keys from its OpenID Connect metadata and accepts client-credential tokens with app roles.
/// </summary>
public sealed class OidcAuthorityTests
{
    [Fact]
    public async Task Tokens_from_the_configured_authority_are_validated_with_keys_from_its_metadata()
    {
        var (authority, address) = await StartAuthorityAsync();
        await using var _ = authority;
        var issuer = address + "/tenant-1/v2.0";
        await using var backend = await EchoBackend.StartAsync("reconciliation");
        await using var gateway = new PlainGatewayFactory(backend, new Dictionary<string, string?>
        {
            ["Gateway:Authentication:Authority"] = issuer,
            ["Gateway:Authentication:Audience"] = TestTokens.Audience,
            ["Gateway:Authentication:RequireHttpsMetadata"] = "false",
        });
        using var client = gateway.CreateClient();

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/reconciliation/summary");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(["reconciliation.read"], clientId: "ops-app", issuer: issuer));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("app:ops-app", backend.Last.Headers["X-EntraMesh-Principal"]);

        var wrongIssuer = new HttpRequestMessage(HttpMethod.Get, "/api/reconciliation/summary");
        wrongIssuer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(["reconciliation.read"]));
        using var refused = await client.SendAsync(wrongIssuer);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    static async Task<(WebApplication App, string Address)> StartAuthorityAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext context, string tenant) =>
        {
            var issuer = $"{context.Request.Scheme}://{context.Request.Host}/{tenant}/v2.0";
            return Results.Json(new { issuer, jwks_uri = $"{context.Request.Scheme}://{context.Request.Host}/{tenant}/discovery/v2.0/keys" });
        });
        app.MapGet("/{tenant}/discovery/v2.0/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(TestTokens.Key);
            return Results.Text(JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", n = jwk.N, e = jwk.E } } }), "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address.TrimEnd('/'));
    }

    /// <summary>The gateway without any test override of token validation.</summary>
    sealed class PlainGatewayFactory(EchoBackend backend, IDictionary<string, string?> settings) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.UseSetting("ReverseProxy:Clusters:reconciliation:Destinations:primary:Address", backend.Address.ToString());
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
