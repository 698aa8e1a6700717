using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EntraMesh.Contracts;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Delivery;

/// <summary>
/// Tokens from the emulator's identity platform over HTTPS through MSAL: with a certificate from a mounted Secret folder, and
/// refreshed when Graph stops accepting the cached one.
/// </summary>
public sealed class CredentialTests : IDisposable
{
    readonly string secretFolder = Directory.CreateTempSubdirectory("entramesh-entra-secret-").FullName;

    [Fact]
    public async Task Target_with_a_certificate_in_its_mounted_Secret_folder_delivers_through_the_emulator()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=entramesh-dispatch", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(secretFolder, "cloud-certificate.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(secretFolder, "cloud-private-key.pem"), key.ExportPkcs8PrivateKeyPem());

        // The emulated app registration knows only the certificate's public part.
        await using var entra = await EmulatedEntra.StartAsync(new Dictionary<string, string?>
        {
            ["Emulator:Tenants:0:Applications:0:Certificates:0"] = certificate.ExportCertificatePem(),
        });
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            entra.Configure(settings);
            settings["Dispatch:Targets:0:ClientSecret"] = null;
            settings["Dispatch:Targets:0:CredentialDirectory"] = secretFolder;
        });
        await using var events = await EventRecorder.StartAsync(infrastructure);

        await events.PublishAsync(Plans.Planned("13001", 1, ChangeKind.Joiner));

        await Eventually.WaitForAsync(() => Task.FromResult(events.Submitted.Count), count => count == 1, TimeSpan.FromSeconds(30));
        await entra.Inspection.WaitUntilProcessedAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Worker 13001 r1", (await entra.UsersAsync())["13001"].DisplayName);
    }

    [Fact]
    public async Task A_token_Graph_stops_accepting_mid_run_is_refreshed_once_and_delivery_goes_on()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings => entra.Configure(settings));
        await using var events = await EventRecorder.StartAsync(infrastructure);
        await events.PublishAsync(Plans.Planned("14001", 1, ChangeKind.Joiner));
        await Eventually.WaitForAsync(() => Task.FromResult(events.Submitted.Count), count => count == 1, TimeSpan.FromSeconds(30));

        // As after a signing-key rollover: the token dispatch holds (cached by MSAL) is refused from now on.
        var revokedAt = DateTimeOffset.UtcNow;
        await entra.Inspection.RevokeTokensAsync();
        await events.PublishAsync(Plans.Planned("14002", 1, ChangeKind.Joiner));

        await Eventually.WaitForAsync(() => Task.FromResult(events.Submitted.Count), count => count == 2, TimeSpan.FromSeconds(30));
        var after = (await entra.BulkUploadCallsAsync()).Where(call => call.At >= revokedAt).Select(call => call.Status).ToList();
        Assert.Equal([401, 202], after);
        var tokens = await entra.Inspection.GetCallsAsync(endpoint: EntraMesh.EntraEmulator.Faults.EmulatorEndpoint.Token);
        Assert.Equal(2, tokens.Count(call => call.Status == 200));
        Assert.Empty(events.Rejected);
        Assert.Equal(0, await infrastructure.CountAsync("target_state WHERE stopped_reason IS NOT NULL"));
        await entra.Inspection.WaitUntilProcessedAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Worker 14002 r1", (await entra.UsersAsync())["14002"].DisplayName);
    }

    public void Dispose() => Directory.Delete(secretFolder, recursive: true);
}
