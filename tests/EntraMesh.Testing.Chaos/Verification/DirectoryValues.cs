using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.Testing.Chaos.Verification;

/// <summary>Reads a directory user of the emulator the way the checks need it.</summary>
public static class DirectoryValues
{
    /// <summary>The rules' target the user belongs to: on-premises AD (a domain) or Entra ID.</summary>
    public static string TargetOf(UserSnapshot user) => user.OnPremisesDomain is null ? EmulatorTenant.CloudTarget : EmulatorTenant.OnPremisesTarget;

    /// <summary>The work phone (businessPhones in Entra ID, telephoneNumber in AD): it carries the record number.</summary>
    public static string? Phone(UserSnapshot user) =>
        user.Properties.GetValueOrDefault(user.OnPremisesDomain is null ? "businessPhones" : "telephoneNumber");
}
