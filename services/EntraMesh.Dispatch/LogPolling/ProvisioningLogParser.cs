using System.Text.Json;
using EntraMesh.Contracts;

namespace EntraMesh.Dispatch.LogPolling;

/// <summary>Reads a Graph <c>auditLogs/provisioning</c> page (<c>value</c> and <c>@odata.nextLink</c>).</summary>
public static class ProvisioningLogParser
{
    public static ProvisioningLogPage Parse(JsonElement root)
    {
        var entries = new List<ProvisioningLogEntry>();
        if (root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (Entry(item) is { } entry) entries.Add(entry);
            }
        }

        var next = root.TryGetProperty("@odata.nextLink", out var link) && link.ValueKind == JsonValueKind.String &&
                   Uri.TryCreate(link.GetString(), UriKind.Absolute, out var uri) ? uri : null;
        return new ProvisioningLogPage(entries, next);
    }

    static ProvisioningLogEntry? Entry(JsonElement item)
    {
        var id = Text(item, "id");
        if (id is null || !item.TryGetProperty("activityDateTime", out var time) || !time.TryGetDateTimeOffset(out var activityAt)) return null;

        var statusInfo = Object(item, "provisioningStatusInfo") ?? Object(item, "statusInfo");
        var error = statusInfo is { } info ? Object(info, "errorInformation") : null;
        return new ProvisioningLogEntry(
            id,
            activityAt.ToUniversalTime(),
            Text(item, "jobId"),
            Object(item, "sourceIdentity") is { } source ? Text(source, "id") : null,
            Text(item, "provisioningAction") ?? "other",
            Status(statusInfo is { } s ? Text(s, "status") : null),
            error is { } e ? Text(e, "errorCode") : null,
            error is { } r ? Text(r, "reason") : null,
            Object(item, "targetIdentity") is { } target ? Text(target, "id") : null);
    }

    static OutcomeStatus Status(string? status) => status?.ToLowerInvariant() switch
    {
        "success" => OutcomeStatus.Success,
        "failure" => OutcomeStatus.Failure,
        "skipped" => OutcomeStatus.Skipped,
        _ => OutcomeStatus.Warning,
    };

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
