using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EntraMesh.Gateway.Tests;

/// <summary>JWTs signed by a test key, shaped like Entra client-credential tokens (app roles in <c>roles</c>).</summary>
public static class TestTokens
{
    public const string Issuer = "https://login.test.invalid/tenant-1/v2.0";
    public const string Audience = "api://entramesh-gateway";

    public static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-key" };
    static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "test-key" };

    public static string Create(string[] roles, string clientId = "ops-client", bool wrongKey = false, DateTime? expires = null, string audience = Audience, string issuer = Issuer)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-2),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-2),
            Expires = expires ?? now.AddHours(1),
            Claims = new Dictionary<string, object> { ["roles"] = roles, ["azp"] = clientId, ["oid"] = Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(wrongKey ? OtherKey : Key, SecurityAlgorithms.RsaSha256),
        });
    }
}
