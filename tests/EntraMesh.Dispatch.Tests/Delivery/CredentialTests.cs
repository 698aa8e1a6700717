using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EntraMesh.Contracts;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Delivery;

/// <summary>Tokens from the emulator's identity platform over HTTPS through MSAL, with a certificate from a mounted Secret folder.</summary>
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

    public void Dispose() => Directory.Delete(secretFolder, recursive: true);
}
