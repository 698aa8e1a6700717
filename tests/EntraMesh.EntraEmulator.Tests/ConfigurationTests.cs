using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>Start-up: validated settings, the state folder with certificate, generated secret and manifest, a configured certificate.</summary>
public sealed class ConfigurationTests : IDisposable
{
    readonly string state = Path.Combine(Path.GetTempPath(), "entramesh-emulator-tests", "config-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(state)) Directory.Delete(state, recursive: true);
    }

    [Theory]
    [InlineData("Emulator:Urls", "http://127.0.0.1:0", "Emulator:Urls")]
    [InlineData("Emulator:Tenants:0:Id", "not-a-guid", "Emulator:Tenants:0:Id")]
    [InlineData("Emulator:Tenants:0:ProvisioningApps:0:JobId", "API2AD.5a3d4936e7c347a39f87ae17e9239b61.2166f772-9553-428a-b28e-692f7f958963", "Emulator:Tenants:0:ProvisioningApps:0:JobId")]
    [InlineData("Emulator:Tenants:0:ProvisioningApps:1:DefaultContainer", "OU=Nowhere,DC=contoso,DC=com", "Emulator:Tenants:0:ProvisioningApps:1:DefaultContainer")]
    [InlineData("Emulator:Tenants:0:ProvisioningApps:1:OrganizationalUnits:0", "OU=Users,DC=fabrikam,DC=com", "Emulator:Tenants:0:ProvisioningApps:1:OrganizationalUnits:0")]
    [InlineData("Emulator:Tenants:0:Applications:0:Certificates:0", "not a certificate", "Emulator:Tenants:0:Applications:0:Certificates:0")]
    [InlineData("Emulator:Tenants:0:ProvisioningApps:0:CustomSchemas:0:Namespace", "csv", "Emulator:Tenants:0:ProvisioningApps:0:CustomSchemas:0:Namespace")]
    [InlineData("Emulator:Limits:Window", "00:00:00", "Emulator:Limits:Window")]
    [InlineData("Emulator:Faults:TimeoutShare", "2", "Emulator:Faults:TimeoutShare")]
    [InlineData("Emulator:Processing:LogDelay", "-00:00:01", "Emulator:Processing:LogDelay")]
    [InlineData("Emulator:Identity:TokenLifetime", "00:00:10", "Emulator:Identity:TokenLifetime")]
    public void A_wrong_setting_stops_the_emulator_naming_the_setting(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => EmulatorApp.Create(Settings(new() { [key] = value })));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task A_generated_secret_is_kept_owner_only_in_the_state_folder_reused_on_restart_and_never_logged()
    {
        var logs = new ConcurrentQueue<string>();
        string secret, thumbprint;
        await using (var first = await EmulatorApp.StartAsync(Settings(), builder => builder.Logging.AddProvider(new CapturingLoggerProvider(logs))))
        {
            var clientId = first.Registry.Tenants[0].Apps[0].ClientId;
            var secretFile = Path.Combine(state, "secrets", clientId + ".secret");
            secret = (await File.ReadAllTextAsync(secretFile)).Trim();
            thumbprint = first.Certificate.Thumbprint;

            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state, "emulator-key.pem")));
            }

            Assert.True(secret.Length >= 32);
            Assert.Contains(logs, line => line.Contains(secretFile, StringComparison.Ordinal));
            Assert.Contains(logs, line => line.Contains(first.Certificate.PublicPemPath, StringComparison.Ordinal));
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));

            var manifest = await Eventually.WaitForAsync(() => Task.FromResult(File.Exists(Path.Combine(state, "emulator.json"))), exists => exists);
            var text = await File.ReadAllTextAsync(Path.Combine(state, "emulator.json"));
            Assert.DoesNotContain(secret, text);
            var json = JsonDocument.Parse(text).RootElement;
            Assert.Equal(first.BaseUrl.ToString().TrimEnd('/'), json.GetProperty("baseUrls")[0].GetString());
            Assert.Equal(secretFile, json.GetProperty("tenants")[0].GetProperty("applications")[0].GetProperty("secretFile").GetString());
            Assert.Equal(thumbprint, json.GetProperty("certificate").GetProperty("thumbprint").GetString());
        }

        await using var second = await EmulatorApp.StartAsync(Settings());
        Assert.Equal(thumbprint, second.Certificate.Thumbprint);
        Assert.True(second.Registry.Tenants[0].Apps[0].SecretMatches(secret));
        var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(state, "emulator-cert.pem")));
        Assert.True(certificate.MatchesHostname("localhost") && certificate.MatchesHostname("127.0.0.1"));
    }

    [Fact]
    public async Task A_secret_from_configuration_is_used_and_nothing_is_written_for_it()
    {
        await using var emulator = await EmulatorApp.StartAsync(Settings(new() { ["Emulator:Tenants:0:Applications:0:ClientSecret"] = "Cfg8Q~configured-secret" }));

        Assert.True(emulator.Registry.Tenants[0].Apps[0].SecretMatches("Cfg8Q~configured-secret"));
        Assert.Empty(Directory.GetFiles(Path.Combine(state, "secrets")));
    }

    [Fact]
    public async Task A_configured_certificate_is_served_instead_of_a_generated_one()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=configured.emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10));
        Directory.CreateDirectory(state);
        var pfx = Path.Combine(state, "configured.pfx");
        await File.WriteAllBytesAsync(pfx, created.Export(X509ContentType.Pkcs12, "pfx-password"));

        await using var emulator = await EmulatorApp.StartAsync(Settings(new()
        {
            ["Emulator:Certificate:Path"] = pfx,
            ["Emulator:Certificate:Password"] = "pfx-password",
        }));

        string? presented = null;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    presented = certificate?.GetCertHashString();
                    return true;
                },
            },
        });
        using var response = await http.GetAsync(new Uri(emulator.BaseUrl, "health/live"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created.Thumbprint, presented);
        Assert.Equal(created.Thumbprint, X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(state, "emulator-cert.pem"))).Thumbprint);
    }

    [Fact]
    public async Task A_job_without_a_notification_email_starts_in_quarantine_and_holds_its_uploads()
    {
        await using var server = await EntraEmulatorServer.StartAsync(new Dictionary<string, string?> { ["Emulator:Tenants:0:ProvisioningApps:0:NotificationEmail"] = "false" });
        using var client = await EmulatorClient.CreateAsync(server);
        var id = Scim.NewId();

        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(id)));
        var job = await client.GetJsonAsync($"v1.0/servicePrincipals/{server.CloudServicePrincipalId}/synchronization/jobs/{server.CloudJobId}");
        await Task.Delay(200);

        var status = job.GetProperty("status");
        Assert.Equal("Quarantine", status.GetProperty("code").GetString());
        Assert.Equal("EncounteredQuarantineException", status.GetProperty("quarantine").GetProperty("reason").GetString());
        Assert.Equal("NotificationEmailMissing", status.GetProperty("quarantine").GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, (await server.Inspection.GetCountersAsync()).Operations.Pending);
        Assert.Null(await server.Inspection.FindUserAsync(id));
    }

    [Fact]
    public void The_realistic_profile_waits_minutes_and_the_fast_profile_not_at_all()
    {
        var realistic = new ProcessingOptions { Profile = ProcessingProfile.Realistic };
        var fast = new ProcessingOptions();
        var overridden = new ProcessingOptions { Profile = ProcessingProfile.Realistic, LogDelay = TimeSpan.FromSeconds(3) };

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)), (realistic.EffectiveProcessingDelay.Min, realistic.EffectiveProcessingDelay.Max));
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)), (realistic.EffectiveLogDelay.Min, realistic.EffectiveLogDelay.Max));
        Assert.InRange(realistic.EffectiveLogDelay.Draw(), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.Zero, fast.EffectiveProcessingDelay.Draw() + fast.EffectiveLogDelay.Draw());
        Assert.Equal(TimeSpan.FromSeconds(3), overridden.EffectiveLogDelay.Draw());
    }

    Dictionary<string, string?> Settings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Emulator:Urls"] = "https://127.0.0.1:0",
            ["Emulator:StateDirectory"] = state,
            ["Logging:LogLevel:Default"] = "Information",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return settings;
    }

    sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + exception);
        }
    }
}
