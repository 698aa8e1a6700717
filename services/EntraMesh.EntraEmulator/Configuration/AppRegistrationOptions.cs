namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>An app registration that may ask for tokens (client credentials), with its granted application roles.</summary>
public sealed class AppRegistrationOptions
{
    public string DisplayName { get; set; } = "";

    /// <summary>Application (client) id, a GUID.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>
    /// The client secret (a secret: environment or mounted file only). When neither a secret nor certificates are
    /// configured, one is generated on first start and kept in <c>{state}/secrets/{clientId}.secret</c>.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>Public certificates accepted for signed client assertions: PEM text, base64 DER, or a path to a PEM/DER file.</summary>
    public List<string> Certificates { get; set; } = [];

    /// <summary>Granted application roles, e.g. <c>SynchronizationData-User.Upload</c>, <c>ProvisioningLog.Read.All</c>.</summary>
    public List<string> Roles { get; set; } = [];
}
