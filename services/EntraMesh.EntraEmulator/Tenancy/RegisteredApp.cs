using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EntraMesh.EntraEmulator.Tenancy;

/// <summary>An app registration as the token endpoint sees it: credentials and granted application roles.</summary>
public sealed class RegisteredApp
{
    readonly byte[]? secretBytes;

    public RegisteredApp(string tenantId, string displayName, string clientId, string? secret, string? secretFile,
        IReadOnlyList<X509Certificate2> certificates, IReadOnlyCollection<string> roles)
    {
        TenantId = tenantId;
        DisplayName = displayName;
        ClientId = clientId;
        SecretFile = secretFile;
        secretBytes = secret is null ? null : Encoding.UTF8.GetBytes(secret);
        Certificates = certificates;
        Roles = [.. roles];
        ObjectId = DeterministicGuid($"{tenantId}/{clientId}").ToString();
    }

    public string TenantId { get; }

    public string DisplayName { get; }

    public string ClientId { get; }

    /// <summary>Object id of the app's service principal in the tenant (the <c>oid</c> of its tokens).</summary>
    public string ObjectId { get; }

    public bool HasSecret => secretBytes is not null;

    /// <summary>Where a generated secret was written, or null when the secret came from configuration.</summary>
    public string? SecretFile { get; }

    public IReadOnlyList<X509Certificate2> Certificates { get; }

    public IReadOnlyList<string> Roles { get; }

    public bool SecretMatches(string? candidate)
    {
        if (secretBytes is null || candidate is null) return false;
        return CryptographicOperations.FixedTimeEquals(secretBytes, Encoding.UTF8.GetBytes(candidate));
    }

    internal static Guid DeterministicGuid(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
