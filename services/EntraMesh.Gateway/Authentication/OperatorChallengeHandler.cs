using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace EntraMesh.Gateway.Authentication;

/// <summary>
/// Answers operator routes that refuse a caller with a problem document that says why: no credentials, an unknown API
/// key, a bearer token that expired, was issued for another audience or by another authority, or whose signature does
/// not verify (401, with <c>WWW-Authenticate</c>); or the role the route requires (403). Nothing of the credential is
/// echoed.
/// </summary>
public sealed class OperatorChallengeHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler defaults = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            var authentication = await context.AuthenticateAsync(AuthenticationExtensions.OperatorScheme);
            var (detail, tokenError) = Describe(context, authentication.Failure);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = tokenError is null ? "Bearer" : $"Bearer error=\"invalid_token\", error_description=\"{tokenError}\"";
            await WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication is required.", detail);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var required = RequiredRole(context);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await WriteAsync(context, StatusCodes.Status403Forbidden, "The caller lacks the role this route requires.",
                required is null
                    ? "The authenticated caller does not hold the role this route requires."
                    : $"The authenticated caller does not hold the role '{required}' this route requires (as an app role in 'roles' or a scope in 'scp').");
            return;
        }

        await defaults.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>The route's authorization policy is named after the role it requires (<see cref="OperatorRoles"/>).</summary>
    static string? RequiredRole(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).FirstOrDefault(OperatorRoles.All.Contains);

    static (string Detail, string? TokenError) Describe(HttpContext context, Exception? failure)
    {
        var bearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (failure is null)
        {
            return ("The request carries no credentials: send an X-Api-Key header or an Authorization: Bearer token from the configured authority.", null);
        }

        if (!bearer && context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header)) return ("The API key is not valid.", null);
        var reason = failure switch
        {
            SecurityTokenExpiredException => "the token has expired",
            SecurityTokenNotYetValidException => "the token is not valid yet",
            SecurityTokenInvalidAudienceException => "the token was issued for another audience",
            SecurityTokenInvalidIssuerException => "the token was issued by another authority",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify against the authority's signing keys",
            SecurityTokenNoExpirationException => "the token has no expiry",
            SecurityTokenMalformedException or ArgumentException => "the token is not a well-formed JWT",
            InvalidOperationException => "the authority's signing keys could not be read",
            _ => "the token is not valid",
        };
        return ($"The bearer token is not accepted: {reason}.", reason);
    }

    Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
}
