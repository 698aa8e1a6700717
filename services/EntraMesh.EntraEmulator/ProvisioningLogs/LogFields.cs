using EntraMesh.EntraEmulator.Filtering;

namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>The properties <c>$filter</c> may name on provisioning logs (names case-insensitive, values case-sensitive as in Graph).</summary>
public static class LogFields
{
    public const string ActivityDateTime = "activityDateTime";

    public static readonly IReadOnlyDictionary<string, FilterField<ProvisioningLogEntry>> All =
        new Dictionary<string, FilterField<ProvisioningLogEntry>>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.Id.ToString()),
            ["jobId"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.Job.JobId),
            [ActivityDateTime] = FilterField<ProvisioningLogEntry>.ForTime(entry => entry.ActivityDateTime),
            ["cycleId"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.CycleId),
            ["changeId"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.ChangeId.ToString()),
            ["tenantId"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.Job.Tenant.Id),
            ["provisioningAction"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.Action),
            ["statusInfo/status"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.Status),
            ["provisioningStatusInfo/status"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.Status),
            ["provisioningStatusInfo/errorInformation/errorCode"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.ErrorCode),
            ["statusInfo/errorCode"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.ErrorCode),
            ["sourceIdentity/id"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.SourceId),
            ["sourceIdentity/displayName"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.SourceDisplayName),
            ["sourceIdentity/identityType"] = FilterField<ProvisioningLogEntry>.ForText(_ => "User"),
            ["targetIdentity/id"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.TargetId),
            ["targetIdentity/displayName"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.TargetDisplayName),
            ["targetIdentity/identityType"] = FilterField<ProvisioningLogEntry>.ForText(_ => "User"),
            ["servicePrincipal/id"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.Job.ServicePrincipalId),
            ["servicePrincipal/displayName"] = FilterField<ProvisioningLogEntry>.ForText(entry => entry.Job.DisplayName),
        };
}
