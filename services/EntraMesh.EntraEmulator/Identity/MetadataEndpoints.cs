using System.Text.Json;
using EntraMesh.EntraEmulator.Graph;
using EntraMesh.EntraEmulator.Hosting;
using EntraMesh.EntraEmulator.Tenancy;

namespace EntraMesh.EntraEmulator.Identity;

/// <summary>The OpenID Connect discovery document (<c>/{tenant}/v2.0/.well-known/openid-configuration</c>) and the signing keys.</summary>
public sealed class MetadataEndpoints(EmulatorRegistry registry, TokenSigningKey key)
{
    public async Task OpenIdConfigurationAsync(HttpContext context, string tenant)
    {
        if (await FindAsync(context, tenant) is not { } found) return;
        var root = $"{RequestUrls.BaseOf(context.Request)}/{found.Id}";
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteString("token_endpoint", $"{root}/oauth2/v2.0/token");
        WriteArray(writer, "token_endpoint_auth_methods_supported", ["client_secret_post", "private_key_jwt", "client_secret_basic"]);
        writer.WriteString("jwks_uri", $"{root}/discovery/v2.0/keys");
        WriteArray(writer, "response_modes_supported", ["query", "fragment", "form_post"]);
        WriteArray(writer, "subject_types_supported", ["pairwise"]);
        WriteArray(writer, "id_token_signing_alg_values_supported", ["RS256"]);
        WriteArray(writer, "response_types_supported", ["code", "id_token", "code id_token", "id_token token"]);
        WriteArray(writer, "scopes_supported", ["openid", "profile", "email", "offline_access"]);
        writer.WriteString("issuer", $"{root}/v2.0");
        writer.WriteBoolean("request_uri_parameter_supported", false);
        writer.WriteString("authorization_endpoint", $"{root}/oauth2/v2.0/authorize");
        writer.WriteString("device_authorization_endpoint", $"{root}/oauth2/v2.0/devicecode");
        writer.WriteString("end_session_endpoint", $"{root}/oauth2/v2.0/logout");
        WriteArray(writer, "claims_supported", ["sub", "iss", "aud", "exp", "iat", "tid", "appid", "roles", "oid"]);
        writer.WriteString("tenant_region_scope", "EU");
        writer.WriteString("cloud_instance_name", "microsoftonline.com");
        writer.WriteString("msgraph_host", "graph.microsoft.com");
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    public async Task KeysAsync(HttpContext context, string tenant)
    {
        if (!IsCommon(tenant) && await FindAsync(context, tenant) is null) return;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteStartArray("keys");
        writer.WriteStartObject();
        writer.WriteString("kty", "RSA");
        writer.WriteString("use", "sig");
        writer.WriteString("kid", key.KeyId);
        writer.WriteString("n", key.Modulus);
        writer.WriteString("e", key.Exponent);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    async Task<EmulatorTenant?> FindAsync(HttpContext context, string tenant)
    {
        var found = registry.FindTenant(tenant);
        if (found is not null)
        {
            EmulatorCall.Of(context)?.TenantId = found.Id;
            return found;
        }

        await IdentityErrors.WriteAsync(context, 400, "invalid_tenant", 90002,
            $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        return null;
    }

    static bool IsCommon(string tenant) => tenant is "common" or "organizations";

    static void WriteArray(Utf8JsonWriter writer, string name, string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
