using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Graph;
using EntraMesh.EntraEmulator.Hosting;
using EntraMesh.EntraEmulator.Tenancy;

namespace EntraMesh.EntraEmulator.Identity;

/// <summary>
/// <c>POST /{tenant}/oauth2/v2.0/token</c>: the client credentials grant with a client secret (in the body or HTTP
/// Basic) or a signed client assertion. Answers like the identity platform, including its error codes.
/// </summary>
public sealed class TokenEndpoint(EmulatorRegistry registry, TokenIssuer issuer, ClientAssertionValidator assertions, ILogger<TokenEndpoint> logger)
{
    const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public async Task HandleAsync(HttpContext context, string tenant)
    {
        var found = registry.FindTenant(tenant);
        if (found is null)
        {
            await RefuseAsync(context, 400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
            return;
        }

        EmulatorCall.Of(context)?.TenantId = found.Id;
        if (!context.Request.HasFormContentType)
        {
            await RefuseAsync(context, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'. (Send application/x-www-form-urlencoded.)");
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException or IOException)
        {
            await RefuseAsync(context, 400, "invalid_request", 90014, $"The request body is not a readable form: {error.Message}");
            return;
        }

        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            await RefuseAsync(context, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
            return;
        }

        if (grantType != "client_credentials")
        {
            await RefuseAsync(context, 400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'. The emulator supports client_credentials.");
            return;
        }

        var (basicId, basicSecret) = BasicCredentials(context.Request);
        var clientId = form["client_id"].ToString() is { Length: > 0 } id ? id : basicId;
        if (string.IsNullOrEmpty(clientId))
        {
            await RefuseAsync(context, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
            return;
        }

        if (!found.AppsByClientId.TryGetValue(clientId, out var app))
        {
            await RefuseAsync(context, 400, "unauthorized_client", 700016,
                $"Application with identifier '{clientId}' was not found in the directory '{found.DisplayName}'. This can happen if the application has not been installed by the administrator of the tenant.", clientId);
            return;
        }

        if (ScopeError(form["scope"].ToString(), found) is { } scopeError)
        {
            await RefuseAsync(context, 400, scopeError.Error, scopeError.Code, scopeError.Description, clientId);
            return;
        }

        var assertion = form["client_assertion"].ToString();
        var secret = form["client_secret"].ToString() is { Length: > 0 } posted ? posted : basicSecret;
        bool certificate;
        if (assertion.Length > 0)
        {
            if (form["client_assertion_type"].ToString() != JwtBearer)
            {
                await RefuseAsync(context, 400, "invalid_request", 90014, $"The client_assertion_type must be '{JwtBearer}'.", clientId);
                return;
            }

            if (await assertions.ValidateAsync(assertion, app, Audiences(context, tenant, found)) is { } failure)
            {
                await RefuseAsync(context, 401, "invalid_client", failure.Code, failure.Description, clientId);
                return;
            }

            certificate = true;
        }
        else if (!string.IsNullOrEmpty(secret))
        {
            if (!app.SecretMatches(secret))
            {
                await RefuseAsync(context, 401, "invalid_client", 7000215,
                    $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.", clientId);
                return;
            }

            certificate = false;
        }
        else
        {
            await RefuseAsync(context, 401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", clientId);
            return;
        }

        var (token, expiresIn) = issuer.Issue(app, certificate);
        EmulatorLog.TokenIssued(logger, clientId, found.Id, certificate ? "certificate" : "secret", string.Join(',', app.Roles));
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.Headers.Pragma = "no-cache";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteString("token_type", "Bearer");
        writer.WriteNumber("expires_in", expiresIn);
        writer.WriteNumber("ext_expires_in", expiresIn);
        writer.WriteString("access_token", token);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    async Task RefuseAsync(HttpContext context, int status, string error, int code, string description, string? clientId = null)
    {
        EmulatorLog.TokenRefused(logger, error, code, clientId);
        await IdentityErrors.WriteAsync(context, status, error, code, description);
    }

    /// <summary>Client credentials need exactly one <c>{resource}/.default</c> scope, and the resource must be Graph.</summary>
    static (string Error, int Code, string Description)? ScopeError(string scope, EmulatorTenant tenant)
    {
        if (string.IsNullOrWhiteSpace(scope)) return ("invalid_request", 900144, "The request body must contain the following parameter: 'scope'.");
        var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length != 1 || !scopes[0].EndsWith("/.default", StringComparison.OrdinalIgnoreCase))
        {
            return ("invalid_scope", 1002012, $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }

        var resource = scopes[0][..^"/.default".Length];
        return GraphAudience.IsGraph(resource)
            ? null
            : ("invalid_resource", 500011, $"The resource principal named {resource} was not found in the tenant named {tenant.DisplayName}. The emulator only serves Microsoft Graph ({GraphAudience.Uri}).");
    }

    /// <summary>Audiences a client assertion may name: this tenant's token endpoint or issuer, here or at login.microsoftonline.com.</summary>
    static string[] Audiences(HttpContext context, string segment, EmulatorTenant tenant)
    {
        var bases = new[] { RequestUrls.BaseOf(context.Request), "https://login.microsoftonline.com" };
        var tenants = new[] { segment, tenant.Id, tenant.DomainName }.Where(value => !string.IsNullOrEmpty(value)).Distinct(StringComparer.OrdinalIgnoreCase);
        return [.. from root in bases from name in tenants from path in new[] { "/oauth2/v2.0/token", "/v2.0", "/v2.0/", "/oauth2/token" } select $"{root}/{name}{path}"];
    }

    static (string? Id, string? Secret) BasicCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return (null, null);
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = pair.IndexOf(':');
            return colon < 0 ? (null, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
