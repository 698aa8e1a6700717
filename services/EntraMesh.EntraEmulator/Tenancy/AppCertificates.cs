using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EntraMesh.EntraEmulator.Tenancy;

/// <summary>Reads the public certificates an app registration accepts for client assertions.</summary>
public static class AppCertificates
{
    /// <summary>PEM text, base64 DER, or a path to a PEM or DER file; throws <see cref="FormatException"/> when it is none of them.</summary>
    public static X509Certificate2 Parse(string value)
    {
        var text = value.Trim();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal)) return X509Certificate2.CreateFromPem(text);
            if (File.Exists(text))
            {
                var content = File.ReadAllText(text);
                return content.Contains("-----BEGIN", StringComparison.Ordinal)
                    ? X509Certificate2.CreateFromPem(content)
                    : X509CertificateLoader.LoadCertificate(File.ReadAllBytes(text));
            }

            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
        }
        catch (Exception error) when (error is CryptographicException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new FormatException("it is not a PEM certificate, base64 DER or a readable certificate file", error);
        }
    }
}
