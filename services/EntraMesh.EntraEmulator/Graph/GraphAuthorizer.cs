using EntraMesh.EntraEmulator.Identity;

namespace EntraMesh.EntraEmulator.Graph;

/// <summary>
/// The first thing every Graph endpoint does: a valid bearer token (else 401 InvalidAuthenticationToken) carrying one of
/// the endpoint's roles (else 403 Authorization_RequestDenied). On failure it has written the answer and returns null.
/// </summary>
public sealed class GraphAuthorizer(AccessTokenValidator validator)
{
    public async ValueTask<AccessPrincipal?> AuthorizeAsync(HttpContext context, string[] roles)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            await UnauthorizedAsync(context, "Access token is empty.");
            return null;
        }

        var (principal, error) = await validator.ValidateAsync(header[7..].Trim());
        if (principal is null)
        {
            await UnauthorizedAsync(context, error!);
            return null;
        }

        EmulatorCall.Of(context)?.TenantId = principal.TenantId;
        if (principal.HasAnyRole(roles)) return principal;

        await GraphErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "Authorization_RequestDenied",
            $"Insufficient privileges to complete the operation. The application needs one of these application permissions: {string.Join(", ", roles)}.");
        return null;
    }

    static Task UnauthorizedAsync(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate =
            $"Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"{GraphAudience.AppId}\"";
        return GraphErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", message);
    }
}
