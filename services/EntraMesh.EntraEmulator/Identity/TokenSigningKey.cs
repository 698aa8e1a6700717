using System.Buffers.Text;
using System.Security.Cryptography;
using EntraMesh.EntraEmulator.State;
using Microsoft.IdentityModel.Tokens;

namespace EntraMesh.EntraEmulator.Identity;

/// <summary>
/// The RSA key that signs access tokens, kept in the state folder so tokens a client has cached stay valid across
/// restarts of the emulator (as Entra's do). Published at the keys endpoint.
/// </summary>
public sealed class TokenSigningKey
{
    public TokenSigningKey(StateDirectory state)
    {
        RSA rsa;
        if (File.Exists(state.SigningKeyPath))
        {
            rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(state.SigningKeyPath));
        }
        else
        {
            rsa = RSA.Create(2048);
            StateDirectory.WritePrivate(state.SigningKeyPath, rsa.ExportPkcs8PrivateKeyPem());
        }

        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        Modulus = Base64Url.EncodeToString(parameters.Modulus);
        Exponent = Base64Url.EncodeToString(parameters.Exponent);
        KeyId = Base64Url.EncodeToString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()).AsSpan(0, 20));
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
    }

    public string KeyId { get; }

    /// <summary>JWK <c>n</c>.</summary>
    public string Modulus { get; }

    /// <summary>JWK <c>e</c>.</summary>
    public string Exponent { get; }

    public RsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }
}
