using System.Globalization;
using System.Text.Json;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Tenancy;

namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>Writes a <see cref="ProvisioningLogEntry"/> as Graph's provisioningObjectSummary (v1.0 and beta properties).</summary>
public static class LogEntryWriter
{
    static readonly string EntraSystemId = RegisteredApp.DeterministicGuid("target/Microsoft Entra ID").ToString();
    static readonly string ActiveDirectorySystemId = RegisteredApp.DeterministicGuid("target/Active Directory").ToString();

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static void Write(Utf8JsonWriter writer, ProvisioningLogEntry entry)
    {
        var job = entry.Job;
        writer.WriteStartObject();
        writer.WriteString("id", entry.Id);
        writer.WriteString("activityDateTime", FormatTime(entry.ActivityDateTime));
        writer.WriteString("tenantId", job.Tenant.Id);
        writer.WriteString("jobId", job.JobId);
        writer.WriteString("cycleId", entry.CycleId);
        writer.WriteString("changeId", entry.ChangeId);
        writer.WriteString("provisioningAction", entry.Action);
        writer.WriteNumber("durationInMilliseconds", entry.DurationInMilliseconds);

        writer.WriteStartObject("provisioningStatusInfo");
        writer.WriteString("status", entry.Status);
        if (entry.ErrorCode is null) writer.WriteNull("errorInformation");
        else
        {
            writer.WriteStartObject("errorInformation");
            WriteError(writer, entry);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        writer.WriteStartObject("statusInfo");
        writer.WriteString("@odata.type", entry.ErrorCode is null ? "#microsoft.graph.statusBase" : "#microsoft.graph.statusDetails");
        writer.WriteString("status", entry.Status);
        if (entry.ErrorCode is not null) WriteError(writer, entry);
        writer.WriteEndObject();

        writer.WriteStartArray("provisioningSteps");
        foreach (var step in entry.Steps)
        {
            writer.WriteStartObject();
            writer.WriteString("name", step.Name);
            writer.WriteString("provisioningStepType", step.Type);
            writer.WriteString("status", step.Status);
            writer.WriteString("description", step.Describe(entry));
            writer.WriteStartObject("details");
            if (step.ReportableIdentifier is not null) writer.WriteString("ReportableIdentifier", step.ReportableIdentifier);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("modifiedProperties");
        foreach (var property in entry.ModifiedProperties)
        {
            writer.WriteStartObject();
            writer.WriteString("displayName", property.DisplayName);
            writer.WriteString("oldValue", property.OldValue);
            writer.WriteString("newValue", property.NewValue);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartObject("servicePrincipal");
        writer.WriteString("id", job.ServicePrincipalId);
        writer.WriteString("displayName", job.DisplayName);
        writer.WriteEndObject();

        writer.WriteStartObject("sourceSystem");
        writer.WriteString("id", job.ApplicationId);
        writer.WriteString("displayName", "API");
        writer.WriteStartObject("details");
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("targetSystem");
        writer.WriteString("id", job.Target == ProvisioningTarget.Cloud ? EntraSystemId : ActiveDirectorySystemId);
        writer.WriteString("displayName", job.Target == ProvisioningTarget.Cloud ? "Azure Active Directory" : "Active Directory");
        writer.WriteStartObject("details");
        writer.WriteString("ApplicationId", job.ApplicationId);
        writer.WriteString("ServicePrincipalId", job.ServicePrincipalId);
        writer.WriteString("ServicePrincipalDisplayName", job.DisplayName);
        if (job.Domain is not null) writer.WriteString("Domain", job.Domain);
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("initiatedBy");
        writer.WriteString("id", "");
        writer.WriteString("displayName", "Azure AD Provisioning Service");
        writer.WriteString("initiatorType", "system");
        writer.WriteEndObject();

        WriteIdentity(writer, "sourceIdentity", entry.SourceId, entry.SourceDisplayName);
        WriteIdentity(writer, "targetIdentity", entry.TargetId ?? "", entry.TargetDisplayName);
        writer.WriteEndObject();
    }

    static void WriteError(Utf8JsonWriter writer, ProvisioningLogEntry entry)
    {
        writer.WriteString("errorCode", entry.ErrorCode);
        writer.WriteString("reason", entry.ErrorReason);
        writer.WriteNull("additionalDetails");
        writer.WriteString("errorCategory", entry.ErrorCategory);
        writer.WriteString("recommendedAction", entry.RecommendedAction);
    }

    static void WriteIdentity(Utf8JsonWriter writer, string name, string id, string? displayName)
    {
        writer.WriteStartObject(name);
        writer.WriteString("id", id);
        writer.WriteString("displayName", displayName ?? "");
        writer.WriteString("identityType", "User");
        writer.WriteStartObject("details");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
