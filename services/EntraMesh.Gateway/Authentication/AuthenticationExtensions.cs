using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace EntraMesh.Gateway.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>The scheme operator routes use: API key when <c>X-Api-Key</c> is present, JWT bearer otherwise.</summary>
    public const string OperatorScheme = "Operator";

    /// <summary>
    /// Operator authentication (JWT bearer from the configured authority, or API keys) and one authorization policy per
    /// role (<see cref="OperatorRoles"/>). Routes name the policy in <c>ReverseProxy:Routes:*:AuthorizationPolicy</c>;
    /// webhook routes use <c>anonymous</c>: ingest checks their signatures.
    /// </summary>
    public static IHostApplicationBuilder AddOperatorAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperatorAuthenticationOptions>()
            .BindConfiguration(OperatorAuthenticationOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.Authority) || Uri.TryCreate(o.Authority, UriKind.Absolute, out _),
                "Gateway:Authentication:Authority must be an absolute URI (e.g. https://login.microsoftonline.com/{tenant}/v2.0).")
            .Validate(o => string.IsNullOrEmpty(o.Authority) || !string.IsNullOrEmpty(o.Audience) || o.ValidAudiences.Count > 0,
                "Gateway:Authentication:Audience is required when Gateway:Authentication:Authority is set.")
            .ValidateOnStart();

        builder.Services.AddAuthentication(OperatorScheme)
            .AddPolicyScheme(OperatorScheme, "API key or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();

        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<OperatorAuthenticationOptions>>((jwt, settings) => Configure(jwt, settings.Value));

        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, OperatorChallengeHandler>();
        builder.Services.AddAuthorization(options =>
        {
            foreach (var role in OperatorRoles.All)
            {
                options.AddPolicy(role, policy => policy
                    .AddAuthenticationSchemes(OperatorScheme)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => OperatorPrincipal.HasRole(context.User, role)));
            }
        });
        return builder;
    }

    static void Configure(JwtBearerOptions jwt, OperatorAuthenticationOptions settings)
    {
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters.RoleClaimType = OperatorPrincipal.RolesClaim;
        jwt.TokenValidationParameters.NameClaimType = "name";
        if (string.IsNullOrEmpty(settings.Authority)) return;

        jwt.Authority = settings.Authority;
        jwt.Audience = settings.Audience;
        jwt.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        if (settings.ValidAudiences.Count > 0)
            jwt.TokenValidationParameters.ValidAudiences = [.. settings.ValidAudiences, .. settings.Audience is null ? Array.Empty<string>() : [settings.Audience]];
        if (!string.IsNullOrEmpty(settings.AuthorityCertificateThumbprint))
        {
            var pinned = settings.AuthorityCertificateThumbprint;
            jwt.BackchannelHttpHandler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None || (certificate is not null && Matches(certificate, pinned)),
            };
        }
    }

    static bool Matches(X509Certificate2 certificate, string thumbprint) =>
        thumbprint.Length == 40
            ? string.Equals(certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase)
            : string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase);
}
