using System.Net.Security;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EntraMesh.EntraEmulator;
using EntraMesh.EntraEmulator.Inspection;

namespace EntraMesh.EmulatorBench;

/// <summary>The emulator under test, started in-process with its default tenant and the call limits off, and a token for it.</summary>
public sealed class BenchEmulator : IAsyncDisposable
{
    readonly string state;

    BenchEmulator(RunningEmulator running, string state, string token, string secret)
    {
        Running = running;
        this.state = state;
        Token = token;
        Secret = secret;
        Inspection = new EmulatorInspectionClient(CreateHttpClient());
    }

    public RunningEmulator Running { get; }

    public string Token { get; }

    string Secret { get; }

    public EmulatorInspectionClient Inspection { get; }

    public string BulkUploadUrl
    {
        get
        {
            var app = Running.Registry.Tenants[0].Jobs[0];
            return $"{Running.BaseUrl}v1.0/servicePrincipals/{app.ServicePrincipalId}/synchronization/jobs/{app.JobId}/bulkUpload";
        }
    }

    public static async Task<BenchEmulator> StartAsync()
    {
        var state = Path.Combine(Path.GetTempPath(), "entramesh-emulator-bench-" + Guid.NewGuid().ToString("N"));
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        var running = await EmulatorApp.StartAsync(new Dictionary<string, string?>
        {
            ["Emulator:Urls"] = "https://127.0.0.1:0",
            ["Emulator:StateDirectory"] = state,
            ["Emulator:Limits:Enabled"] = "false",
            ["Emulator:Tenants:0:Applications:0:ClientSecret"] = secret,
            ["Logging:LogLevel:Default"] = "Warning",
        });

        var tenant = running.Registry.Tenants[0];
        using var http = CreateHttpClient(running);
        using var response = await http.PostAsync($"{running.BaseUrl}{tenant.Id}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = tenant.Apps[0].ClientId,
            ["client_secret"] = secret,
            ["scope"] = "https://graph.microsoft.com/.default",
        }));
        var token = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        return new BenchEmulator(running, state, token, secret);
    }

    /// <summary>An HttpClient that pins the emulator's certificate (HTTP/1.1 connections, as dispatch uses).</summary>
    public HttpClient CreateHttpClient() => CreateHttpClient(Running);

    static HttpClient CreateHttpClient(RunningEmulator running)
    {
        var thumbprint = running.Certificate.Thumbprint;
        return new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
            MaxConnectionsPerServer = 256,
        })
        { BaseAddress = running.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        await Running.DisposeAsync();
        try
        {
            Directory.Delete(state, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
