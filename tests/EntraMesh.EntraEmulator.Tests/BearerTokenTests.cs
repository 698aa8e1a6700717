using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using EntraMesh.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>Graph endpoints check the bearer token's signature, issuer and audience, not only its presence.</summary>
public sealed class BearerTokenTests(UnlimitedEmulator fixture) : IClassFixture<UnlimitedEmulator>
{
    readonly EntraEmulatorServer server = fixture.Server;

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = Forge(EmulatorKey(), server.TenantId, audience: "api://someone-else");

        var message = await RefusedAsync(token);

        Assert.Contains("Invalid audience", message);
    }

    [Fact]
    public async Task A_token_of_an_unknown_tenant_is_refused()
    {
        var token = Forge(EmulatorKey(), Guid.NewGuid().ToString(), audience: "https://graph.microsoft.com");

        Assert.Contains("Invalid issuer", await RefusedAsync(token));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused_and_the_same_claims_signed_by_the_emulator_pass()
    {
        using var stranger = RSA.Create(2048);
        var forged = Forge(new RsaSecurityKey(stranger) { KeyId = "stranger" }, server.TenantId, audience: "https://graph.microsoft.com");
        var genuine = Forge(EmulatorKey(), server.TenantId, audience: "https://graph.microsoft.com");

        Assert.Contains("Invalid signature", await RefusedAsync(forged));
        using var http = server.CreateHttpClient();
        using var response = await EntraEmulatorServer.PostBulkAsync(http, server.BulkUploadUrl(), genuine, Scim.Bulk(Scim.Worker(Scim.NewId())));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task After_a_revocation_the_tokens_issued_before_are_refused_and_a_new_one_passes()
    {
        var old = await server.AcquireTokenAsync();
        using var http = server.CreateHttpClient();
        using (var accepted = await EntraEmulatorServer.PostBulkAsync(http, server.BulkUploadUrl(), old, Scim.Bulk(Scim.Worker(Scim.NewId()))))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await server.Inspection.RevokeTokensAsync();

        Assert.Contains("Invalid signature", await RefusedAsync(old));
        var fresh = await server.AcquireTokenAsync();
        using var again = await EntraEmulatorServer.PostBulkAsync(http, server.BulkUploadUrl(), fresh, Scim.Bulk(Scim.Worker(Scim.NewId())));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    async Task<string> RefusedAsync(string token)
    {
        using var http = server.CreateHttpClient();
        using var response = await EntraEmulatorServer.PostBulkAsync(http, server.BulkUploadUrl(), token, Scim.Bulk(Scim.Worker(Scim.NewId())));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("InvalidAuthenticationToken", error.GetProperty("code").GetString());
        return error.GetProperty("message").GetString()!;
    }

    RsaSecurityKey EmulatorKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(server.StateDirectory, "token-signing-key.pem")));
        return new RsaSecurityKey(rsa);
    }

    string Forge(SecurityKey key, string tenantId, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = $"https://sts.windows.net/{tenantId}/",
        Audience = audience,
        Expires = DateTime.UtcNow.AddMinutes(30),
        Claims = new Dictionary<string, object>
        {
            ["tid"] = tenantId,
            ["appid"] = server.ClientId,
            ["roles"] = new[] { "SynchronizationData-User.Upload" },
        },
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });
}
