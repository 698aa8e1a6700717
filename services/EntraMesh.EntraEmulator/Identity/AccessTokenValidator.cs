using System.Collections.Concurrent;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Tenancy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EntraMesh.EntraEmulator.Identity;

/// <summary>
/// Validates the bearer tokens Graph endpoints receive: signature (the emulator's key), issuer (a known tenant),
/// audience (Graph) and lifetime. A token's signature is checked once; after that the cached result is used and only the
/// lifetime is checked again, so a bulkUpload call costs a dictionary lookup, not an RSA verification.
/// </summary>
public sealed class AccessTokenValidator
{
    const int CacheLimit = 20_000;

    readonly ConcurrentDictionary<string, AccessPrincipal> cache = new(StringComparer.Ordinal);
    readonly JsonWebTokenHandler handler = new();
    readonly TokenValidationParameters parameters;
    readonly TimeProvider time;
    readonly TimeSpan skew;
    long revokedThroughSecond = long.MinValue;

    public AccessTokenValidator(TokenSigningKey key, EmulatorRegistry registry, IOptions<EmulatorOptions> options, TimeProvider time)
    {
        this.time = time;
        skew = options.Value.Identity.ClockSkew;
        parameters = new TokenValidationParameters
        {
            IssuerSigningKey = key.SecurityKey,
            ValidIssuers = registry.Tenants.Select(tenant => TokenIssuer.IssuerFor(tenant.Id)).ToArray(),
            ValidAudiences = GraphAudience.Accepted,
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
    }

    /// <summary>The caller, or an error message in Graph's words.</summary>
    public async ValueTask<(AccessPrincipal? Principal, string? Error)> ValidateAsync(string token)
    {
        if (!cache.TryGetValue(token, out var principal))
        {
            var result = await handler.ValidateTokenAsync(token, parameters);
            if (!result.IsValid)
            {
                return (null, result.Exception switch
                {
                    SecurityTokenInvalidAudienceException => "Access token validation failure. Invalid audience.",
                    SecurityTokenInvalidIssuerException => "Access token validation failure. Invalid issuer.",
                    SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "Access token validation failure. Invalid signature.",
                    _ => "IDX14100: JWT is not well formed or could not be validated.",
                });
            }

            principal = ToPrincipal((JsonWebToken)result.SecurityToken);
            if (cache.Count >= CacheLimit) cache.Clear();
            cache[token] = principal;
        }

        var now = time.GetUtcNow();
        if (principal.IssuedAt.ToUnixTimeSeconds() <= Interlocked.Read(ref revokedThroughSecond))
        {
            return (null, "Access token validation failure. Invalid signature.");
        }

        if (now > principal.ExpiresAt + skew) return (null, "Lifetime validation failed, the token is expired.");
        if (now + skew < principal.NotBefore) return (null, "Lifetime validation failed, the token is not yet valid.");
        return (principal, null);
    }

    /// <summary>
    /// Refuses every access token issued so far, as Graph does after a signing-key rollover. Tokens carry their issue time in
    /// whole seconds, so every token of the current second is refused too; the caller waits for <paramref name="validFrom"/>,
    /// the first instant a new token is accepted again.
    /// </summary>
    public void RevokeIssuedTokens(out DateTimeOffset validFrom)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        Interlocked.Exchange(ref revokedThroughSecond, second);
        validFrom = DateTimeOffset.FromUnixTimeSeconds(second + 1);
    }

    static AccessPrincipal ToPrincipal(JsonWebToken token)
    {
        var roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (token.TryGetPayloadValue<List<string>>("roles", out var list))
        {
            foreach (var role in list) roles.Add(role);
        }
        else if (token.TryGetPayloadValue<string>("roles", out var single))
        {
            roles.Add(single);
        }

        return new AccessPrincipal(
            token.GetPayloadValue<string>("tid"),
            token.GetPayloadValue<string>("appid"),
            roles,
            new DateTimeOffset(token.ValidTo, TimeSpan.Zero),
            new DateTimeOffset(token.ValidFrom, TimeSpan.Zero),
            new DateTimeOffset(token.IssuedAt, TimeSpan.Zero));
    }
}
