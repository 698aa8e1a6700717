using EntraMesh.EntraEmulator.Faults;

namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>Everything the emulator is configured with (section <c>Emulator</c>); validated at start by <see cref="EmulatorOptionsValidator"/>.</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>Addresses to listen on, separated by <c>;</c>. Only https:// (MSAL refuses http authorities). Port 0 picks a free port.</summary>
    public string Urls { get; set; } = "https://127.0.0.1:8443";

    /// <summary>Folder for the generated certificate, token-signing key, generated client secrets and the manifest. Default: <c>{temp}/entramesh-emulator</c>.</summary>
    public string? StateDirectory { get; set; }

    public CertificateOptions Certificate { get; set; } = new();

    public IdentityOptions Identity { get; set; } = new();

    public LimitsOptions Limits { get; set; } = new();

    public ProcessingOptions Processing { get; set; } = new();

    public ProvisioningLogOptions ProvisioningLogs { get; set; } = new();

    public PersistenceOptions Persistence { get; set; } = new();

    /// <summary>Faults in effect at start; change them at run time through <c>PUT /_emulator/faults</c>.</summary>
    public FaultSettings Faults { get; set; } = new();

    public List<TenantOptions> Tenants { get; set; } = [];

    /// <summary>The state folder actually used.</summary>
    public string ResolvedStateDirectory =>
        string.IsNullOrWhiteSpace(StateDirectory) ? Path.Combine(Path.GetTempPath(), "entramesh-emulator") : StateDirectory;
}
