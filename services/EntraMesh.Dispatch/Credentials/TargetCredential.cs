using System.Security.Cryptography.X509Certificates;

namespace EntraMesh.Dispatch.Credentials;

/// <summary>How a target proves itself to the identity platform. Never logged, never part of an exception message.</summary>
public abstract record TargetCredential
{
    /// <summary>A client secret.</summary>
    public sealed record ClientSecret(string Value) : TargetCredential
    {
        public override string ToString() => "client secret";
    }

    /// <summary>A certificate with its private key, from PEM files.</summary>
    public sealed record Certificate(string CertificatePath, string KeyPath) : TargetCredential
    {
        public X509Certificate2 Load() => X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);

        public override string ToString() => $"certificate {CertificatePath}";
    }
}
