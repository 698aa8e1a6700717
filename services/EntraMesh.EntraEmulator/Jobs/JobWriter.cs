using System.Text.Json;
using EntraMesh.EntraEmulator.ProvisioningLogs;

namespace EntraMesh.EntraEmulator.Jobs;

/// <summary>Writes a job as Graph's synchronizationJob (id, templateId, schedule, status with quarantine and executions).</summary>
public static class JobWriter
{
    public static void Write(Utf8JsonWriter writer, ProvisioningJob job)
    {
        var figures = job.Figures;
        writer.WriteStartObject();
        writer.WriteString("id", job.JobId);
        writer.WriteString("templateId", job.TemplateId);
        writer.WriteStartObject("schedule");
        writer.WriteNull("expiration");
        writer.WriteString("interval", "PT40M");
        writer.WriteString("state", job.Status == Configuration.JobStatusCode.Paused ? "Disabled" : "Active");
        writer.WriteEndObject();

        writer.WriteStartObject("status");
        writer.WriteString("code", job.Status.ToString());
        writer.WriteNumber("countSuccessiveCompleteFailures", 0);
        writer.WriteBoolean("escrowsPruned", false);
        WriteExecution(writer, "lastExecution", figures.LastExecution);
        WriteExecution(writer, "lastSuccessfulExecution", figures.LastSuccessfulExecution);
        WriteExecution(writer, "lastSuccessfulExecutionWithExports", figures.LastSuccessfulExecutionWithExports);
        writer.WriteStartArray("progress");
        writer.WriteEndArray();
        WriteQuarantine(writer, job.Quarantine);
        WriteTime(writer, "steadyStateFirstAchievedTime", figures.SteadyStateFirstAchieved);
        WriteTime(writer, "steadyStateLastAchievedTime", figures.LastExecution?.Ended);
        writer.WriteStartArray("synchronizedEntryCountByType");
        writer.WriteStartObject();
        writer.WriteString("key", "User to User");
        writer.WriteNumber("value", figures.TotalExported);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteNull("troubleshootingUrl");
        writer.WriteEndObject();

        writer.WriteStartArray("synchronizationJobSettings");
        writer.WriteStartObject();
        writer.WriteString("name", "QuarantineTooManyDeletesThreshold");
        writer.WriteString("value", "500");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    static void WriteExecution(Utf8JsonWriter writer, string name, JobExecution? execution)
    {
        if (execution is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString("activityIdentifier", execution.ActivityIdentifier);
        writer.WriteNumber("countEntitled", execution.Imported - execution.Skipped);
        writer.WriteNumber("countEntitledForProvisioning", execution.Imported - execution.Skipped);
        writer.WriteNumber("countEscrowed", execution.Escrowed);
        writer.WriteNumber("countEscrowedRaw", execution.Escrowed);
        writer.WriteNumber("countExported", execution.Exported);
        writer.WriteNumber("countExports", execution.Exported);
        writer.WriteNumber("countImported", execution.Imported);
        writer.WriteNumber("countImportedDeltas", execution.Imported);
        writer.WriteNumber("countImportedReferenceDeltas", 0);
        writer.WriteNull("error");
        writer.WriteString("state", execution.Escrowed > 0 ? "EntryLevelErrors" : "Succeeded");
        writer.WriteString("timeBegan", LogEntryWriter.FormatTime(execution.Began));
        writer.WriteString("timeEnded", LogEntryWriter.FormatTime(execution.Ended));
        writer.WriteEndObject();
    }

    static void WriteQuarantine(Utf8JsonWriter writer, JobQuarantine? quarantine)
    {
        if (quarantine is null)
        {
            writer.WriteNull("quarantine");
            return;
        }

        writer.WriteStartObject("quarantine");
        writer.WriteString("currentBegan", LogEntryWriter.FormatTime(quarantine.CurrentBegan));
        writer.WriteString("nextAttempt", LogEntryWriter.FormatTime(quarantine.NextAttempt));
        writer.WriteString("reason", quarantine.Reason);
        writer.WriteString("seriesBegan", LogEntryWriter.FormatTime(quarantine.SeriesBegan));
        writer.WriteNumber("seriesCount", quarantine.SeriesCount);
        if (quarantine.ErrorCode is null) writer.WriteNull("error");
        else
        {
            writer.WriteStartObject("error");
            writer.WriteString("code", quarantine.ErrorCode);
            writer.WriteString("message", quarantine.Message);
            writer.WriteBoolean("tenantActionable", true);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value) writer.WriteString(name, LogEntryWriter.FormatTime(value));
        else writer.WriteNull(name);
    }
}
