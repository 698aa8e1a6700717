using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using EntraMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Identity.Client;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>The identity platform part, driven by MSAL over real HTTPS with the certificate pinned.</summary>
public sealed class TokenTests(TokenTests.Emulator fixture) : IClassFixture<TokenTests.Emulator>
{
    const string LogReaderSecret = "Log8Q~reader-secret-for-tests-only";

    readonly EntraEmulatorServer server = fixture.Server;
    readonly X509Certificate2 clientCertificate = fixture.ClientCertificate;

    static string CertificateClientId => Emulator.CertificateClientId;

    static string LogReaderClientId => Emulator.LogReaderClientId;

    /// <summary>The default tenant plus an app with a certificate credential and an app that may only read logs.</summary>
    public sealed class Emulator : IAsyncLifetime
    {
        public static readonly string CertificateClientId = Guid.NewGuid().ToString();
        public static readonly string LogReaderClientId = Guid.NewGuid().ToString();

        public X509Certificate2 ClientCertificate { get; } = CreateClientCertificate("CN=EntraMesh dispatch test");

        public EntraEmulatorServer Server { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Server = await EntraEmulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["Emulator:Tenants:0:Applications:1:DisplayName"] = "Dispatch with a certificate",
            ["Emulator:Tenants:0:Applications:1:ClientId"] = CertificateClientId,
            ["Emulator:Tenants:0:Applications:1:Certificates:0"] = ClientCertificate.ExportCertificatePem(),
            ["Emulator:Tenants:0:Applications:1:Roles:0"] = "SynchronizationData-User.Upload",
            ["Emulator:Tenants:0:Applications:2:DisplayName"] = "Log reader",
            ["Emulator:Tenants:0:Applications:2:ClientId"] = LogReaderClientId,
            ["Emulator:Tenants:0:Applications:2:ClientSecret"] = LogReaderSecret,
            ["Emulator:Tenants:0:Applications:2:Roles:0"] = "ProvisioningLog.Read.All",
        });

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            ClientCertificate.Dispose();
        }
    }

    [Fact]
    public async Task Msal_gets_a_token_with_a_client_secret_through_an_authority_without_validation_and_the_token_uploads()
    {
        var app = Msal(server.ClientId).WithClientSecret(server.ClientSecret).Build();

        var result = await app.AcquireTokenForClient([EntraEmulatorServer.GraphScope]).ExecuteAsync();

        using var http = server.CreateHttpClient();
        using var response = await EntraEmulatorServer.PostBulkAsync(http, server.BulkUploadUrl(), result.AccessToken, Scim.Bulk(Scim.Worker(Scim.NewId())));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Msal_gets_a_token_with_a_client_secret_through_the_OpenID_configuration()
    {
        var app = ConfidentialClientApplicationBuilder.Create(server.ClientId)
            .WithClientSecret(server.ClientSecret)
            .WithOidcAuthority(server.OidcAuthority)
            .WithHttpClientFactory(new PinnedMsalHttpClientFactory(server))
            .Build();

        var result = await app.AcquireTokenForClient([EntraEmulatorServer.GraphScope]).ExecuteAsync();

        Assert.Equal(server.TenantId, new JsonWebToken(result.AccessToken).GetClaim("tid").Value);
        Assert.True(result.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Fact]
    public async Task Msal_gets_a_token_with_a_certificate_through_a_signed_client_assertion()
    {
        var app = Msal(CertificateClientId).WithCertificate(clientCertificate).Build();

        var result = await app.AcquireTokenForClient([EntraEmulatorServer.GraphScope]).ExecuteAsync();

        var token = new JsonWebToken(result.AccessToken);
        Assert.Equal(CertificateClientId, token.GetClaim("appid").Value);
        Assert.Equal("2", token.GetClaim("appidacr").Value);
        using var http = server.CreateHttpClient();
        using var response = await EntraEmulatorServer.PostBulkAsync(http, server.BulkUploadUrl(), result.AccessToken, Scim.Bulk(Scim.Worker(Scim.NewId())));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Msal_with_the_OpenID_configuration_and_a_certificate_gets_a_token()
    {
        var app = ConfidentialClientApplicationBuilder.Create(CertificateClientId)
            .WithCertificate(clientCertificate, sendX5C: true)
            .WithOidcAuthority(server.OidcAuthority)
            .WithHttpClientFactory(new PinnedMsalHttpClientFactory(server))
            .Build();

        var result = await app.AcquireTokenForClient([EntraEmulatorServer.GraphScope]).ExecuteAsync();

        Assert.Equal("2", new JsonWebToken(result.AccessToken).GetClaim("appidacr").Value);
    }

    [Fact]
    public async Task A_client_assertion_signed_by_an_unregistered_certificate_gets_invalid_client()
    {
        using var stranger = CreateClientCertificate("CN=Someone else");
        var app = Msal(CertificateClientId).WithCertificate(stranger).Build();

        var error = await Assert.ThrowsAsync<MsalServiceException>(() => app.AcquireTokenForClient([EntraEmulatorServer.GraphScope]).ExecuteAsync());

        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("AADSTS700027", error.Message);
    }

    [Fact]
    public async Task A_wrong_secret_gets_invalid_client()
    {
        var app = Msal(server.ClientId).WithClientSecret("not-the-secret").Build();

        var error = await Assert.ThrowsAsync<MsalServiceException>(() => app.AcquireTokenForClient([EntraEmulatorServer.GraphScope]).ExecuteAsync());

        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("AADSTS7000215", error.Message);
    }

    [Fact]
    public async Task An_unknown_client_gets_unauthorized_client()
    {
        var app = Msal(Guid.NewGuid().ToString()).WithClientSecret("whatever").Build();

        var error = await Assert.ThrowsAsync<MsalServiceException>(() => app.AcquireTokenForClient([EntraEmulatorServer.GraphScope]).ExecuteAsync());

        Assert.Equal("unauthorized_client", error.ErrorCode);
        Assert.Contains("AADSTS700016", error.Message);
    }

    [Fact]
    public async Task A_token_without_the_upload_role_gets_403_from_bulkUpload()
    {
        var app = Msal(LogReaderClientId).WithClientSecret(LogReaderSecret).Build();
        var result = await app.AcquireTokenForClient([EntraEmulatorServer.GraphScope]).ExecuteAsync();

        using var http = server.CreateHttpClient();
        using var response = await EntraEmulatorServer.PostBulkAsync(http, server.BulkUploadUrl(), result.AccessToken, Scim.Bulk(Scim.Worker(Scim.NewId())));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("Authorization_RequestDenied", error.GetProperty("code").GetString());
        Assert.Contains("SynchronizationData-User.Upload", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_token_is_a_signed_JWT_with_audience_tenant_app_roles_and_expiry()
    {
        var token = new JsonWebToken(await server.AcquireTokenAsync());

        Assert.Equal("https://graph.microsoft.com", token.GetClaim("aud").Value);
        Assert.Equal($"https://sts.windows.net/{server.TenantId}/", token.Issuer);
        Assert.Equal(server.TenantId, token.GetClaim("tid").Value);
        Assert.Equal(server.ClientId, token.GetClaim("appid").Value);
        Assert.Contains("SynchronizationData-User.Upload", token.Claims.Where(claim => claim.Type == "roles").Select(claim => claim.Value));
        Assert.Contains("ProvisioningLog.Read.All", token.Claims.Where(claim => claim.Type == "roles").Select(claim => claim.Value));
        Assert.InRange(token.ValidTo, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(61));
        Assert.Equal("RS256", token.Alg);

        using var http = server.CreateHttpClient();
        var keys = JsonDocument.Parse(await http.GetStringAsync($"{server.TenantId}/discovery/v2.0/keys")).RootElement.GetProperty("keys");
        Assert.Contains(keys.EnumerateArray(), key => key.GetProperty("kid").GetString() == token.Kid);
    }

    [Theory]
    [InlineData("grant_type=authorization_code&client_id={0}&client_secret={1}&scope=https://graph.microsoft.com/.default", 400, "unsupported_grant_type")]
    [InlineData("grant_type=client_credentials&client_id={0}&client_secret={1}", 400, "invalid_request")]
    [InlineData("grant_type=client_credentials&client_id={0}&client_secret={1}&scope=User.Read", 400, "invalid_scope")]
    [InlineData("grant_type=client_credentials&client_id={0}&client_secret={1}&scope=api://elsewhere/.default", 400, "invalid_resource")]
    [InlineData("grant_type=client_credentials&client_id={0}&scope=https://graph.microsoft.com/.default", 401, "invalid_client")]
    public async Task Bad_token_requests_get_the_identity_platforms_errors(string form, int status, string error)
    {
        using var http = server.CreateHttpClient();
        using var content = new StringContent(string.Format(System.Globalization.CultureInfo.InvariantCulture, form, server.ClientId, server.ClientSecret),
            System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await http.PostAsync(server.TokenEndpoint, content);

        Assert.Equal(status, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS", body.GetProperty("error_description").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("error_codes")[0].ValueKind);
    }

    [Fact]
    public async Task An_unknown_tenant_gets_invalid_request_and_a_JSON_body_is_refused()
    {
        using var http = server.CreateHttpClient();
        using var unknown = await http.PostAsync($"{Guid.NewGuid()}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        using var json = await http.PostAsync(server.TokenEndpoint, new StringContent("{\"grant_type\":\"client_credentials\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("AADSTS90002", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("invalid_request", await json.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_token_gets_401_InvalidAuthenticationToken()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await EntraEmulatorServer.StartAsync(configure: builder => builder.Services.AddSingleton<TimeProvider>(time));
        var token = await fake.AcquireTokenAsync();
        using var http = fake.CreateHttpClient();

        time.Advance(TimeSpan.FromHours(2));
        using var response = await EntraEmulatorServer.PostBulkAsync(http, fake.BulkUploadUrl(), token, Scim.Bulk(Scim.Worker(Scim.NewId())));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("InvalidAuthenticationToken", await response.Content.ReadAsStringAsync());
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not.a.jwt")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_missing_or_malformed_token_gets_401(string? authorization)
    {
        using var http = server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BulkUploadUrl()) { Content = new StringContent(Scim.Bulk(Scim.Worker("1"))) };
        request.Content.Headers.ContentType = new("application/scim+json");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>MSAL as dispatch configures it for the emulator: the tenant authority without validation or instance discovery, the certificate pinned.</summary>
    ConfidentialClientApplicationBuilder Msal(string clientId) => ConfidentialClientApplicationBuilder.Create(clientId)
        .WithAuthority(server.Authority, validateAuthority: false)
        .WithInstanceDiscovery(false)
        .WithHttpClientFactory(new PinnedMsalHttpClientFactory(server));

    internal static X509Certificate2 CreateClientCertificate(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
