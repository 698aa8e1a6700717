namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>A provisioning app: a service principal with one synchronization job writing to the cloud or to on-premises AD.</summary>
public sealed class ProvisioningAppOptions
{
    public string DisplayName { get; set; } = "";

    /// <summary>Object id of the service principal (the <c>{id}</c> of <c>/servicePrincipals/{id}/...</c>).</summary>
    public string ServicePrincipalId { get; set; } = "";

    /// <summary>Application id of the provisioning app (shown in log entries). Default: the service principal id.</summary>
    public string? ApplicationId { get; set; }

    /// <summary><c>API2AAD.&lt;32 hex&gt;.&lt;guid&gt;</c> for the cloud, <c>API2AD.&lt;32 hex&gt;.&lt;guid&gt;</c> for on-premises.</summary>
    public string JobId { get; set; } = "";

    public ProvisioningTarget Target { get; set; } = ProvisioningTarget.Cloud;

    /// <summary>On-premises: the AD domain, e.g. <c>contoso.com</c>.</summary>
    public string? Domain { get; set; }

    /// <summary>On-premises: the OUs that exist, e.g. <c>OU=Users,DC=contoso,DC=com</c>.</summary>
    public List<string> OrganizationalUnits { get; set; } = [];

    /// <summary>On-premises: where users without a <c>parentDistinguishedName</c> are created.</summary>
    public string? DefaultContainer { get; set; }

    /// <summary>
    /// The provisioning app's userPrincipalName mapping, as a tenant's admin may configure it: a userName without a
    /// domain gets <c>@suffix</c> appended (<c>Join("@", [userName], "contoso.com")</c>). Empty: Entra's default, a direct
    /// mapping, under which a userName without a domain fails as an invalid userPrincipalName.
    /// </summary>
    public string? UserPrincipalNameSuffix { get; set; }

    /// <summary>Whether a notification e-mail is set; a job without one goes into quarantine when started.</summary>
    public bool NotificationEmail { get; set; } = true;

    /// <summary>Status at start: Active, Paused or Quarantine (NotificationEmail false forces Quarantine).</summary>
    public JobStatusCode Status { get; set; } = JobStatusCode.Active;

    /// <summary>Custom SCIM namespaces the job's schema knows besides core User and the enterprise extension.</summary>
    public List<CustomSchemaOptions> CustomSchemas { get; set; } = [];
}
