using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Gateway.Authentication;

/// <summary>
/// <c>Gateway:Authentication</c>: JWT bearer tokens from an OpenID Connect authority (an Entra tenant in production,
/// the Entra emulator locally). Roles come from the token's <c>roles</c> claim (app roles; client-credential tokens)
/// or its <c>scp</c> claim (delegated scopes).
/// </summary>
public sealed class OperatorAuthenticationOptions
{
    public const string Section = "Gateway:Authentication";

    /// <summary>e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c> or <c>https://127.0.0.1:8443/{tenant}/v2.0</c>; empty turns JWT off.</summary>
    public string? Authority { get; set; }

    /// <summary>The token audience (the gateway's application id URI or client id).</summary>
    public string? Audience { get; set; }

    /// <summary>Additional accepted audiences (e.g. both the client id and the application id URI).</summary>
    public List<string> ValidAudiences { get; set; } = [];

    /// <summary>Require HTTPS for the authority's metadata (keep on outside local runs).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>SHA-256 or SHA-1 thumbprint of a self-signed authority certificate to trust (the local Entra emulator).</summary>
    [RegularExpression("^([0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})?$", ErrorMessage = "Gateway:Authentication:AuthorityCertificateThumbprint must be a hex SHA-1 or SHA-256 thumbprint.")]
    public string? AuthorityCertificateThumbprint { get; set; }
}
