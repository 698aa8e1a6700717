using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EntraMesh.HostileInput.Tests;

/// <summary>
/// The ops API through the running gateway, which takes operator bearer tokens from the emulated tenant as OpenID
/// Connect authority (keys from its metadata): a token from that authority for the gateway's audience with the role is
/// accepted; a missing, expired, wrong-audience or forged one is refused with 401 and a problem document saying why.
/// </summary>
public sealed class OperatorTokenTests(HostileMesh mesh)
{
    const string Summary = "/api/reconciliation/summary";

    [Fact]
    public async Task A_current_token_from_the_authority_for_the_gateway_with_the_role_is_accepted()
    {
        using var response = await SendAsync(Mint());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("missing", "no credentials")]
    [InlineData("expired", "the token has expired")]
    [InlineData("wrong audience", "issued for another audience")]
    [InlineData("another issuer", "issued by another authority")]
    [InlineData("signed by another key", "signature does not verify")]
    public async Task A_missing_expired_or_wrong_audience_token_is_refused_with_401_and_a_problem_document(string kind, string reason)
    {
        var token = kind switch
        {
            "missing" => null,
            "expired" => Mint(expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong audience" => Mint(audience: "api://another-application"),
            "another issuer" => Mint(issuer: $"https://login.microsoftonline.com/{Guid.NewGuid()}/v2.0"),
            _ => Mint(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = Signing.KeyId }),
        };

        using var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(401, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.Contains(reason, (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_token_without_the_role_is_refused_with_403_naming_the_role()
    {
        using var response = await SendAsync(Mint(roles: ["imports.write"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("reconciliation.read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    async Task<HttpResponseMessage> SendAsync(string? token)
    {
        using var http = new HttpClient { BaseAddress = mesh.Mesh.GatewayUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, Summary);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    RsaSecurityKey? signing;

    RsaSecurityKey Signing => signing ??= ReadSigningKey(mesh.Mesh.EmulatorSigningKeyPath);

    /// <summary>A client-credential token as the emulated tenant issues it, or varied in one way.</summary>
    string Mint(DateTime? expires = null, string audience = HostileMesh.TokenAudience, string? issuer = null, RsaSecurityKey? key = null, string[]? roles = null)
    {
        var until = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? mesh.Mesh.EmulatorOidcAuthority.ToString(),
            Audience = audience,
            IssuedAt = until.AddHours(-1),
            NotBefore = until.AddHours(-1),
            Expires = until,
            Claims = new Dictionary<string, object> { ["roles"] = roles ?? ["reconciliation.read"], ["azp"] = "hostile-ops-client", ["tid"] = "hostile" },
            SigningCredentials = new SigningCredentials(key ?? Signing, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The emulator's signing key, with the key id its metadata publishes (the first 20 bytes of the SHA-256 of the public key).</summary>
    static RsaSecurityKey ReadSigningKey(string path)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return new RsaSecurityKey(rsa) { KeyId = Base64Url.EncodeToString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()).AsSpan(0, 20)) };
    }
}
