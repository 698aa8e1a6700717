using EntraMesh.EntraEmulator.Configuration;

namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>A provisioning job in <see cref="EmulatorConfigurationSnapshot"/>.</summary>
public sealed record JobInfo(
    string ServicePrincipalId, string JobId, string DisplayName, ProvisioningTarget Target, string? Domain,
    IReadOnlyList<string> OrganizationalUnits, string? DefaultContainer, IReadOnlyList<string> CustomNamespaces);
