using System.Security.Claims;

namespace EntraMesh.Gateway.Authentication;

/// <summary>Who the caller is, as forwarded to services in <c>X-EntraMesh-Principal</c>, and what roles it holds.</summary>
public static class OperatorPrincipal
{
    public const string Header = "X-EntraMesh-Principal";
    public const string PrincipalClaim = "entramesh_principal";
    public const string RolesClaim = "roles";

    /// <summary>
    /// <c>apikey:{name}</c> for API keys; <c>app:{azp or appid}</c> for client-credential tokens (no <c>scp</c>);
    /// <c>user:{preferred_username, upn, oid or sub}</c> for delegated tokens.
    /// </summary>
    public static string? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var explicitName = user.FindFirstValue(PrincipalClaim);
        if (explicitName is not null) return explicitName;
        if (user.FindFirst("scp") is null)
        {
            var app = user.FindFirstValue("azp") ?? user.FindFirstValue("appid") ?? user.FindFirstValue("sub");
            if (app is not null) return "app:" + app;
        }

        var name = user.FindFirstValue("preferred_username") ?? user.FindFirstValue("upn") ?? user.FindFirstValue("oid") ?? user.FindFirstValue("sub");
        return name is null ? null : "user:" + name;
    }

    /// <summary>True when the caller holds <paramref name="role"/> as an app role or a delegated scope (case-insensitive).</summary>
    public static bool HasRole(ClaimsPrincipal user, string role) =>
        user.FindAll(RolesClaim).Concat(user.FindAll(ClaimTypes.Role)).Any(claim => string.Equals(claim.Value, role, StringComparison.OrdinalIgnoreCase))
        || user.FindAll("scp").SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(scope => string.Equals(scope, role, StringComparison.OrdinalIgnoreCase));
}
