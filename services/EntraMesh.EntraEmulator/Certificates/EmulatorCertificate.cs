using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.State;

namespace EntraMesh.EntraEmulator.Certificates;

/// <summary>
/// The TLS certificate the emulator serves: the configured one, or a self-signed one for localhost/127.0.0.1 created on
/// first start and reused afterwards (so a client's pin stays valid). Its public part is written as PEM for clients.
/// </summary>
public sealed class EmulatorCertificate
{
    EmulatorCertificate(X509Certificate2 certificate, string publicPemPath, bool generated)
    {
        Certificate = certificate;
        PublicPemPath = publicPemPath;
        Generated = generated;
        PublicPem = certificate.ExportCertificatePem();
        Sha256Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>The certificate with its private key (what Kestrel serves).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The public certificate as PEM, for trusting or pinning.</summary>
    public string PublicPem { get; }

    public string PublicPemPath { get; }

    /// <summary>SHA-1 thumbprint in upper-case hex (what <see cref="X509Certificate2.Thumbprint"/> reports).</summary>
    public string Thumbprint => Certificate.Thumbprint;

    public string Sha256Thumbprint { get; }

    /// <summary>True when the emulator created it (self-signed).</summary>
    public bool Generated { get; }

    public static EmulatorCertificate Resolve(CertificateOptions options, StateDirectory state, TimeProvider time)
    {
        var publicPath = string.IsNullOrWhiteSpace(options.PublicPemPath) ? state.CertificatePemPath : options.PublicPemPath;
        EmulatorCertificate resolved;
        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            resolved = new EmulatorCertificate(LoadConfigured(options), publicPath, generated: false);
        }
        else
        {
            var hostnames = new[] { "localhost" }.Concat(options.Hostnames).Where(name => !string.IsNullOrWhiteSpace(name))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var existing = TryLoadGenerated(state, hostnames, time);
            resolved = new EmulatorCertificate(existing ?? CreateSelfSigned(state, hostnames, time), publicPath, generated: true);
        }

        StateDirectory.WritePublic(publicPath, resolved.PublicPem);
        return resolved;
    }

    static X509Certificate2 LoadConfigured(CertificateOptions options)
    {
        try
        {
            var path = options.Path!;
            var certificate = path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, options.Password)
                : X509Certificate2.CreateFromPemFile(path, string.IsNullOrWhiteSpace(options.KeyPath) ? null : options.KeyPath);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException("it has no private key (set Emulator:Certificate:KeyPath for a PEM certificate)");
            }

            return certificate;
        }
        catch (Exception error) when (error is CryptographicException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Emulator:Certificate:Path '{options.Path}' cannot be used: {error.Message}", error);
        }
    }

    static X509Certificate2? TryLoadGenerated(StateDirectory state, string[] hostnames, TimeProvider time)
    {
        if (!File.Exists(state.CertificatePemPath) || !File.Exists(state.CertificateKeyPath)) return null;
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(state.CertificatePemPath, state.CertificateKeyPath);
            var now = time.GetUtcNow();
            var fresh = certificate.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(7) && certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime;
            var covers = hostnames.All(name => certificate.MatchesHostname(name)) && certificate.MatchesHostname("127.0.0.1");
            return fresh && covers ? certificate : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    static X509Certificate2 CreateSelfSigned(StateDirectory state, string[] hostnames, TimeProvider time)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=EntraMesh Entra emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var hostname in hostnames) names.AddDnsName(hostname);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        StateDirectory.WritePrivate(state.CertificateKeyPath, key.ExportPkcs8PrivateKeyPem());
        StateDirectory.WritePublic(state.CertificatePemPath, created.ExportCertificatePem());
        return X509Certificate2.CreateFromPemFile(state.CertificatePemPath, state.CertificateKeyPath);
    }
}
