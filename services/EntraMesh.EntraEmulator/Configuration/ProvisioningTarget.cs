namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>Where a provisioning app writes users.</summary>
public enum ProvisioningTarget
{
    /// <summary>"API-driven provisioning to Microsoft Entra ID" (job id <c>API2AAD.…</c>).</summary>
    Cloud,

    /// <summary>"API-driven provisioning to on-premises Active Directory" (job id <c>API2AD.…</c>).</summary>
    OnPremises,
}
