namespace EntraMesh.EntraEmulator.Identity;

/// <summary>Maps the identity platform endpoints.</summary>
public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityPlatform(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{tenant}").WithTags("Identity platform");
        group.MapPost("/oauth2/v2.0/token", (HttpContext context, string tenant, TokenEndpoint endpoint) => endpoint.HandleAsync(context, tenant))
            .WithSummary("Client credentials grant (client_secret or a signed client_assertion) for https://graph.microsoft.com/.default.");
        group.MapGet("/v2.0/.well-known/openid-configuration",
                (HttpContext context, string tenant, MetadataEndpoints metadata) => metadata.OpenIdConfigurationAsync(context, tenant))
            .WithSummary("OpenID Connect discovery document (for MSAL's WithOidcAuthority).");
        group.MapGet("/discovery/v2.0/keys", (HttpContext context, string tenant, MetadataEndpoints metadata) => metadata.KeysAsync(context, tenant))
            .WithSummary("The keys that sign access tokens (JWKS).");
        group.MapGet("/discovery/keys", (HttpContext context, string tenant, MetadataEndpoints metadata) => metadata.KeysAsync(context, tenant))
            .WithSummary("The keys that sign access tokens (JWKS, v1 path).");
        return app;
    }
}
