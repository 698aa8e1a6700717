using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using EntraMesh.EntraEmulator;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Inspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace EntraMesh.Testing;

/// <summary>
/// The Entra emulator started in-process on a real Kestrel HTTPS port (port 0), with the emulator's default tenant
/// (one cloud job, one on-premises job, one app registration with the upload and log roles), a fresh state folder, and a
/// known client secret. Use as <c>IClassFixture&lt;EntraEmulatorServer&gt;</c>, or
/// <c>await using var entra = await EntraEmulatorServer.StartAsync(settings);</c> to override settings
/// (e.g. <c>["Emulator:Limits:Enabled"] = "false"</c>).
/// Clients must pin its certificate: <see cref="CreateHandler"/>, <see cref="CreateHttpClient"/>, <see cref="IsTrusted"/>.
/// </summary>
public sealed class EntraEmulatorServer : IAsyncLifetime
{
    readonly IDictionary<string, string?>? overrides;
    readonly Action<WebApplicationBuilder>? configure;
    readonly bool useDefaults;
    RunningEmulator? emulator;
    HttpClient? inspectionHttp;

    public EntraEmulatorServer()
        : this(null)
    {
    }

    EntraEmulatorServer(IDictionary<string, string?>? overrides, Action<WebApplicationBuilder>? configure = null, bool useDefaults = true)
    {
        this.overrides = overrides;
        this.configure = configure;
        this.useDefaults = useDefaults;
        StateDirectory = Path.Combine(Path.GetTempPath(), "entramesh-emulator-tests", Guid.NewGuid().ToString("N"));
        ClientSecret = "Tst8Q~" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Starts an emulator; <paramref name="settings"/> override the defaults (configuration keys, e.g. <c>Emulator:Limits:DailyCalls</c>);
    /// <paramref name="configure"/> may replace services before the emulator's are added (e.g. a FakeTimeProvider as TimeProvider).
    /// </summary>
    public static async Task<EntraEmulatorServer> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null,
        bool useDefaults = true)
    {
        var server = new EntraEmulatorServer(settings, configure, useDefaults);
        await server.InitializeAsync();
        return server;
    }

    public RunningEmulator Emulator => emulator ?? throw new InvalidOperationException("The emulator has not been started.");

    /// <summary>e.g. <c>https://127.0.0.1:41234/</c> (ends with a slash).</summary>
    public Uri BaseUrl => Emulator.BaseUrl;

    /// <summary>Graph's base URL for the Graph SDK and plain clients: <c>{BaseUrl}v1.0</c>.</summary>
    public string GraphBaseUrl => BaseUrl + "v1.0";

    /// <summary>For MSAL: <c>.WithAuthority(Authority, validateAuthority: false).WithInstanceDiscovery(false)</c>.</summary>
    public string Authority => $"{BaseUrl}{TenantId}/";

    /// <summary>For MSAL: <c>.WithOidcAuthority(OidcAuthority)</c>.</summary>
    public string OidcAuthority => $"{BaseUrl}{TenantId}/v2.0";

    public string TokenEndpoint => $"{BaseUrl}{TenantId}/oauth2/v2.0/token";

    public const string GraphScope = "https://graph.microsoft.com/.default";

    public string StateDirectory { get; }

    public TenantOptions Tenant => Options.Tenants[0];

    public string TenantId => Tenant.Id;

    /// <summary>The app registration with SynchronizationData-User.Upload and ProvisioningLog.Read.All.</summary>
    public string ClientId => Tenant.Applications[0].ClientId;

    public string ClientSecret { get; }

    public ProvisioningAppOptions CloudApp => Tenant.ProvisioningApps.First(app => app.Target == ProvisioningTarget.Cloud);

    public ProvisioningAppOptions OnPremisesApp => Tenant.ProvisioningApps.First(app => app.Target == ProvisioningTarget.OnPremises);

    public string CloudServicePrincipalId => CloudApp.ServicePrincipalId;

    public string CloudJobId => CloudApp.JobId;

    public string OnPremisesServicePrincipalId => OnPremisesApp.ServicePrincipalId;

    public string OnPremisesJobId => OnPremisesApp.JobId;

    public string OnPremisesDomain => OnPremisesApp.Domain!;

    public EmulatorOptions Options => Emulator.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmulatorOptions>>().Value;

    /// <summary>The TLS certificate (public part) the emulator serves.</summary>
    public X509Certificate2 Certificate => X509Certificate2.CreateFromPem(CertificatePem);

    public string CertificatePem => Emulator.Certificate.PublicPem;

    /// <summary>SHA-1 thumbprint (upper-case hex), as <see cref="X509Certificate2.Thumbprint"/> reports it.</summary>
    public string CertificateThumbprint => Emulator.Certificate.Thumbprint;

    public string CertificateSha256Thumbprint => Emulator.Certificate.Sha256Thumbprint;

    /// <summary>The inspection API (<c>/_emulator/</c>).</summary>
    public EmulatorInspectionClient Inspection => new(inspectionHttp ?? throw new InvalidOperationException("The emulator has not been started."));

    /// <summary>bulkUpload URL of a job (default: the cloud job).</summary>
    public string BulkUploadUrl(string? servicePrincipalId = null, string? jobId = null) =>
        $"{GraphBaseUrl}/servicePrincipals/{servicePrincipalId ?? CloudServicePrincipalId}/synchronization/jobs/{jobId ?? CloudJobId}/bulkUpload";

    /// <summary>True when <paramref name="presented"/> is exactly the emulator's certificate (pinning).</summary>
    public bool IsTrusted(X509Certificate? presented) =>
        presented is not null && presented.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(Convert.FromHexString(CertificateSha256Thumbprint));

    /// <summary>A handler that trusts the emulator's certificate and nothing else.</summary>
    public HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, _) => IsTrusted(certificate) },
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>An HttpClient with the emulator's base address that pins its certificate.</summary>
    public HttpClient CreateHttpClient() => new(CreateHandler()) { BaseAddress = BaseUrl };

    /// <summary>A token from the client credentials grant, without MSAL (default: the configured app and secret).</summary>
    public async Task<string> AcquireTokenAsync(string? clientId = null, string? clientSecret = null, string? tenantId = null,
        CancellationToken cancellationToken = default)
    {
        using var client = CreateHttpClient();
        using var response = await client.PostAsync($"{BaseUrl}{tenantId ?? TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId ?? ClientId,
            ["client_secret"] = clientSecret ?? ClientSecret,
            ["scope"] = GraphScope,
        }), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return response.IsSuccessStatusCode
            ? body.GetProperty("access_token").GetString()!
            : throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>Posts a bulk request (as <c>application/scim+json</c>) with a bearer token.</summary>
    public static Task<HttpResponseMessage> PostBulkAsync(HttpClient client, string url, string token, string json, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request, cancellationToken);
    }

    public async ValueTask InitializeAsync()
    {
        KeyMaterial.Value.CopyTo(StateDirectory);
        var settings = new Dictionary<string, string?>
        {
            ["Emulator:Urls"] = "https://127.0.0.1:0",
            ["Emulator:StateDirectory"] = StateDirectory,
            ["Emulator:Tenants:0:Applications:0:ClientSecret"] = ClientSecret,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        emulator = await EmulatorApp.StartAsync(settings, builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder);
        }, useDefaults);
        inspectionHttp = CreateHttpClient();
    }

    /// <summary>
    /// RSA keys take a while to generate; every emulator of a test process starts from the same TLS certificate and
    /// token-signing key (each still gets its own state folder and secrets).
    /// </summary>
    static readonly Lazy<SharedKeyMaterial> KeyMaterial = new(SharedKeyMaterial.Create, LazyThreadSafetyMode.ExecutionAndPublication);

    sealed class SharedKeyMaterial(string folder)
    {
        static readonly string[] Files = ["emulator-cert.pem", "emulator-key.pem", "token-signing-key.pem"];

        public static SharedKeyMaterial Create()
        {
            var folder = Path.Combine(Path.GetTempPath(), "entramesh-emulator-tests", "keys-" + Guid.NewGuid().ToString("N"));
            var state = new EntraEmulator.State.StateDirectory(folder);
            EntraEmulator.Certificates.EmulatorCertificate.Resolve(new CertificateOptions(), state, TimeProvider.System);
            _ = new EntraEmulator.Identity.TokenSigningKey(state);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temporary folder is harmless.
                }
            };
            return new SharedKeyMaterial(folder);
        }

        public void CopyTo(string stateDirectory)
        {
            _ = new EntraEmulator.State.StateDirectory(stateDirectory);
            foreach (var file in Files) File.Copy(Path.Combine(folder, file), Path.Combine(stateDirectory, file), overwrite: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        inspectionHttp?.Dispose();
        if (emulator is not null) await emulator.DisposeAsync();
        try
        {
            if (Directory.Exists(StateDirectory)) Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
