using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Tenancy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EntraMesh.EntraEmulator.Identity;

/// <summary>
/// Checks a signed client assertion (certificate credential) as the identity platform does: signed by one of the app's
/// certificates, <c>iss</c> and <c>sub</c> equal to the client id, <c>aud</c> naming this tenant's token endpoint, and
/// within its lifetime. Returns null when valid, else the AADSTS code and description.
/// </summary>
public sealed class ClientAssertionValidator(IOptions<EmulatorOptions> options, TimeProvider time)
{
    readonly JsonWebTokenHandler handler = new();

    public async Task<(int Code, string Description)?> ValidateAsync(string assertion, RegisteredApp app, IReadOnlyCollection<string> audiences)
    {
        if (app.Certificates.Count == 0)
        {
            return (700027, $"Client assertion contains an invalid signature. [Reason - The key was not found. App '{app.ClientId}' has no certificate credentials.]");
        }

        if (!handler.CanReadToken(assertion)) return (50027, "JWT token is invalid or malformed.");

        var result = await handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKeys = app.Certificates.Select(certificate => new X509SecurityKey(certificate)).ToArray(),
            TryAllIssuerSigningKeys = true,
            ValidIssuer = app.ClientId,
            ValidAudiences = audiences,
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
        });
        if (!result.IsValid)
        {
            return result.Exception switch
            {
                SecurityTokenInvalidAudienceException => (700021, "Client assertion audience claim does not match Realm issuer. Expected the tenant's token endpoint."),
                SecurityTokenInvalidIssuerException => (700023, $"Client assertion issuer and subject must be the client id '{app.ClientId}'."),
                SecurityTokenNoExpirationException => (700024, "Client assertion is not within its valid time range: it has no exp claim."),
                _ => (700027, "Client assertion contains an invalid signature. [Reason - The key was not found or the signature does not match.]"),
            };
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (!string.Equals(token.Subject, app.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return (700023, $"Client assertion issuer and subject must be the client id '{app.ClientId}'.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var skew = options.Value.Identity.ClockSkew;
        if (token.ValidTo + skew < now || (token.ValidFrom != DateTime.MinValue && token.ValidFrom - skew > now))
        {
            return (700024, $"Client assertion is not within its valid time range. Current time: {now:O}, assertion valid from {token.ValidFrom:O}, expiry time of assertion {token.ValidTo:O}.");
        }

        return null;
    }
}
