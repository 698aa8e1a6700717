using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EntraMesh.Gateway.Authentication;

/// <summary>Authenticates <c>X-Api-Key</c> against the configured keys (constant-time), with the key's roles.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(presented)) return Task.FromResult(AuthenticateResult.NoResult());

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        foreach (var entry in configuration.GetSection("Gateway:ApiKeys").GetChildren())
        {
            var key = entry.Get<ApiKeyOptions>();
            if (string.IsNullOrEmpty(key?.Key)) continue;
            if (!CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)))) continue;

            var claims = new List<Claim> { new(ClaimTypes.Name, entry.Key), new(OperatorPrincipal.PrincipalClaim, "apikey:" + entry.Key) };
            claims.AddRange(key.Roles.Select(role => new Claim(OperatorPrincipal.RolesClaim, role)));
            var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, OperatorPrincipal.RolesClaim);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }

        return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
    }
}
