namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>The TLS certificate: a configured one, or a self-signed one created on first start and kept in the state folder.</summary>
public sealed class CertificateOptions
{
    /// <summary>A PFX file, or a PEM certificate file (then <see cref="KeyPath"/> names its key). Empty: self-signed.</summary>
    public string? Path { get; set; }

    /// <summary>PEM private key of a PEM <see cref="Path"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PFX file (a secret: environment or mounted file only).</summary>
    public string? Password { get; set; }

    /// <summary>Where the public certificate is written as PEM for clients to trust or pin. Default: <c>{state}/emulator-cert.pem</c>.</summary>
    public string? PublicPemPath { get; set; }

    /// <summary>DNS names the self-signed certificate covers besides 127.0.0.1 and ::1 (e.g. a Kubernetes service name).</summary>
    public List<string> Hostnames { get; set; } = [];
}
