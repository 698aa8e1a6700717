using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Credentials;

namespace EntraMesh.Dispatch.Tests.Configuration;

/// <summary>Where a target's credential comes from: a setting, PEM files, or a mounted Secret folder.</summary>
public sealed class CredentialResolverTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("entramesh-credentials-").FullName;

    [Fact]
    public void Client_secret_is_read_from_the_mounted_secret_folder()
    {
        File.WriteAllText(Path.Combine(folder, "cloud-client-secret"), "from-a-mounted-file\n");

        var credential = CredentialResolver.Resolve(new TargetOptions { Name = "cloud", CredentialDirectory = folder }, "Dispatch:Targets:0");

        Assert.Equal(new TargetCredential.ClientSecret("from-a-mounted-file"), credential);
        Assert.DoesNotContain("from-a-mounted-file", credential.ToString());
    }

    [Fact]
    public void Certificate_and_private_key_are_read_from_the_mounted_secret_folder()
    {
        WriteCertificate(Path.Combine(folder, "onpremises-certificate.pem"), Path.Combine(folder, "onpremises-private-key.pem"));

        var credential = CredentialResolver.Resolve(new TargetOptions { Name = "onpremises", CredentialDirectory = folder }, "Dispatch:Targets:1");

        var certificate = Assert.IsType<TargetCredential.Certificate>(credential);
        using var loaded = certificate.Load();
        Assert.True(loaded.HasPrivateKey);
    }

    [Fact]
    public void Certificate_paths_are_used_when_given()
    {
        var cert = Path.Combine(folder, "app.pem");
        var key = Path.Combine(folder, "app.key");
        WriteCertificate(cert, key);

        var credential = CredentialResolver.Resolve(new TargetOptions { Name = "cloud", CertificatePath = cert, CertificateKeyPath = key }, "Dispatch:Targets:0");

        Assert.Equal(new TargetCredential.Certificate(cert, key), credential);
    }

    [Fact]
    public void Folder_without_the_expected_files_is_named_with_the_file_names_it_needs()
    {
        var error = Assert.Throws<CredentialException>(() =>
            CredentialResolver.Resolve(new TargetOptions { Name = "cloud", CredentialDirectory = folder }, "Dispatch:Targets:0"));

        Assert.Contains("Dispatch:Targets:0:CredentialDirectory", error.Message);
        Assert.Contains("cloud-client-secret", error.Message);
        Assert.Contains("cloud-certificate.pem", error.Message);
    }

    [Fact]
    public void Certificate_without_its_key_is_named()
    {
        var error = Assert.Throws<CredentialException>(() =>
            CredentialResolver.Resolve(new TargetOptions { Name = "cloud", CertificatePath = Path.Combine(folder, "app.pem") }, "Dispatch:Targets:0"));

        Assert.Contains("Dispatch:Targets:0:CertificateKeyPath", error.Message);
    }

    static void WriteCertificate(string certificatePath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=entramesh-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
