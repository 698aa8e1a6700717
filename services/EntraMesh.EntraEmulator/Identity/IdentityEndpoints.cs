namespace EntraMesh.EntraEmulator.Identity;

/// <summary>Maps the identity platform endpoints.</summary>
public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityPlatform(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{tenant}").WithTags("Identity platform").ExcludeFromDescription();
        group.MapPost("/oauth2/v2.0/token", (HttpContext context, string tenant, TokenEndpoint endpoint) => endpoint.HandleAsync(context, tenant));
        group.MapGet("/v2.0/.well-known/openid-configuration",
            (HttpContext context, string tenant, MetadataEndpoints metadata) => metadata.OpenIdConfigurationAsync(context, tenant));
        group.MapGet("/discovery/v2.0/keys", (HttpContext context, string tenant, MetadataEndpoints metadata) => metadata.KeysAsync(context, tenant));
        group.MapGet("/discovery/keys", (HttpContext context, string tenant, MetadataEndpoints metadata) => metadata.KeysAsync(context, tenant));
        return app;
    }
}
