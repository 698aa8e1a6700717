using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Tenancy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EntraMesh.EntraEmulator.Identity;

/// <summary>
/// Issues app-only access tokens for Microsoft Graph shaped like Entra's (v1.0 tokens, as Graph gets): signed RS256 JWTs
/// with <c>aud</c>, <c>iss</c> (https://sts.windows.net/{tid}/), <c>tid</c>, <c>appid</c>, <c>appidacr</c>,
/// <c>idtyp</c>=app, <c>oid</c>, <c>roles</c>, <c>iat</c>/<c>nbf</c>/<c>exp</c>.
/// </summary>
public sealed class TokenIssuer(TokenSigningKey key, IOptions<EmulatorOptions> options, TimeProvider time)
{
    readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string IssuerFor(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <summary>A token for <paramref name="app"/>; <paramref name="certificate"/> says how the app authenticated (appidacr 2, else 1).</summary>
    public (string Token, int ExpiresIn) Issue(RegisteredApp app, bool certificate)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.Identity.TokenLifetime;
        var claims = new Dictionary<string, object>
        {
            ["aio"] = Guid.NewGuid().ToString("N"),
            ["app_displayname"] = app.DisplayName,
            ["appid"] = app.ClientId,
            ["appidacr"] = certificate ? "2" : "1",
            ["idp"] = IssuerFor(app.TenantId),
            ["idtyp"] = "app",
            ["oid"] = app.ObjectId,
            ["rh"] = "0.emulator",
            ["sub"] = app.ObjectId,
            ["tenant_region_scope"] = "EU",
            ["tid"] = app.TenantId,
            ["uti"] = Guid.NewGuid().ToString("N")[..22],
            ["ver"] = "1.0",
        };
        if (app.Roles.Count > 0) claims["roles"] = app.Roles.ToArray();

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerFor(app.TenantId),
            Audience = GraphAudience.Uri,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddMinutes(-5),
            Expires = now.UtcDateTime.Add(lifetime),
            Claims = claims,
            SigningCredentials = key.Credentials,
            TokenType = "JWT",
        });
        return (token, (int)lifetime.TotalSeconds);
    }
}
