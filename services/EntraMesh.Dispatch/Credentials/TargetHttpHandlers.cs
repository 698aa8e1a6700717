using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EntraMesh.Dispatch.Configuration;

namespace EntraMesh.Dispatch.Credentials;

/// <summary>
/// One long-lived HTTP handler per target, shared by MSAL (identity platform) and the Graph client. With
/// <c>TrustedCertificatePath</c> the handler also accepts exactly that certificate (a local emulator's self-signed one);
/// every other certificate still needs the system's trust.
/// </summary>
public static class TargetHttpHandlers
{
    public static SocketsHttpHandler Create(DispatchTarget target)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };

        if (target.TrustedCertificatePath is { } path)
        {
            using var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            var thumbprint = pinned.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None ||
                (certificate is not null && string.Equals(
                    certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase));
        }

        return handler;
    }
}
