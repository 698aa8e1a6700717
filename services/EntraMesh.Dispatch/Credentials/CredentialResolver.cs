using EntraMesh.Dispatch.Configuration;

namespace EntraMesh.Dispatch.Credentials;

/// <summary>
/// Finds a target's credential, in this order: <c>ClientSecret</c> (environment or mounted secret file),
/// <c>CertificatePath</c> + <c>CertificateKeyPath</c>, then <c>CredentialDirectory</c> (a mounted Secret folder with
/// <c>&lt;name&gt;-client-secret</c> or <c>&lt;name&gt;-certificate.pem</c> + <c>&lt;name&gt;-private-key.pem</c>).
/// Errors name the setting and never contain secret material.
/// </summary>
public static class CredentialResolver
{
    public static TargetCredential Resolve(TargetOptions target, string settingPrefix)
    {
        if (!string.IsNullOrWhiteSpace(target.ClientSecret)) return new TargetCredential.ClientSecret(target.ClientSecret.Trim());

        if (!string.IsNullOrWhiteSpace(target.CertificatePath) || !string.IsNullOrWhiteSpace(target.CertificateKeyPath))
        {
            if (string.IsNullOrWhiteSpace(target.CertificatePath) || string.IsNullOrWhiteSpace(target.CertificateKeyPath))
            {
                throw new CredentialException($"{settingPrefix}:CertificatePath and {settingPrefix}:CertificateKeyPath must be set together (PEM files).");
            }

            RequireFile(target.CertificatePath, $"{settingPrefix}:CertificatePath");
            RequireFile(target.CertificateKeyPath, $"{settingPrefix}:CertificateKeyPath");
            return Loadable(new TargetCredential.Certificate(target.CertificatePath, target.CertificateKeyPath), $"{settingPrefix}:CertificatePath");
        }

        if (!string.IsNullOrWhiteSpace(target.CredentialDirectory))
        {
            var directory = target.CredentialDirectory;
            if (!Directory.Exists(directory))
            {
                throw new CredentialException($"{settingPrefix}:CredentialDirectory '{directory}' does not exist (mount the Entra credential Secret there).");
            }

            var secretFile = Path.Combine(directory, $"{target.Name}-client-secret");
            if (File.Exists(secretFile))
            {
                var secret = File.ReadAllText(secretFile).Trim();
                if (secret.Length == 0) throw new CredentialException($"{settingPrefix}:CredentialDirectory: '{secretFile}' is empty.");
                return new TargetCredential.ClientSecret(secret);
            }

            var certificate = Path.Combine(directory, $"{target.Name}-certificate.pem");
            var key = Path.Combine(directory, $"{target.Name}-private-key.pem");
            if (File.Exists(certificate) && File.Exists(key))
            {
                return Loadable(new TargetCredential.Certificate(certificate, key), $"{settingPrefix}:CredentialDirectory");
            }

            throw new CredentialException(
                $"{settingPrefix}:CredentialDirectory '{directory}' holds neither '{target.Name}-client-secret' nor " +
                $"'{target.Name}-certificate.pem' with '{target.Name}-private-key.pem'.");
        }

        throw new CredentialException(
            $"{settingPrefix} has no credential: set {settingPrefix}:ClientSecret (environment or mounted secret file), " +
            $"{settingPrefix}:CertificatePath with {settingPrefix}:CertificateKeyPath, or {settingPrefix}:CredentialDirectory.");
    }

    static void RequireFile(string path, string setting)
    {
        if (!File.Exists(path)) throw new CredentialException($"{setting}: file '{path}' does not exist.");
    }

    static TargetCredential.Certificate Loadable(TargetCredential.Certificate certificate, string setting)
    {
        try
        {
            using var loaded = certificate.Load();
            if (!loaded.HasPrivateKey) throw new CredentialException($"{setting}: the certificate has no private key.");
            return certificate;
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            // The message of a PEM parse failure describes the format, never the key material.
            throw new CredentialException($"{setting}: the certificate or its private key cannot be read as PEM ({exception.Message}).");
        }
    }
}
