namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>Which of Entra's two API-driven provisioning apps a target feeds.</summary>
public enum TargetKind
{
    /// <summary>"API-driven provisioning to Microsoft Entra ID": cloud-only users.</summary>
    Cloud,

    /// <summary>"API-driven provisioning to on-premises Active Directory": users in an OU, through the agent.</summary>
    OnPremises,
}
