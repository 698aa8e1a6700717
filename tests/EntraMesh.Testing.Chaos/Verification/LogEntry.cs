using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EntraMesh.Testing.Chaos.Verification;

/// <summary>One provisioningObjectSummary, reduced to what the checks read.</summary>
public sealed partial record LogEntry(
    string Id, string JobId, DateTimeOffset At, string Action, string Status, string? ErrorCode, string SourceId, string? BulkId,
    IReadOnlyList<LogEntry.Change> Modified)
{
    public sealed record Change(string Name, string? OldValue, string? NewValue);

    public static LogEntry From(JsonNode entry)
    {
        var steps = entry["provisioningSteps"]?.AsArray() ?? [];
        var import = steps.Select(step => (string?)step?["description"]).FirstOrDefault(text => text is not null && text.Contains("bulkId", StringComparison.Ordinal));
        var bulkId = import is null ? null : BulkIdPattern().Match(import) is { Success: true } match ? match.Groups[1].Value : null;
        return new LogEntry(
            (string)entry["id"]!, (string)entry["jobId"]!, DateTimeOffset.Parse((string)entry["activityDateTime"]!, System.Globalization.CultureInfo.InvariantCulture),
            (string)entry["provisioningAction"]!, (string)entry["provisioningStatusInfo"]!["status"]!,
            (string?)entry["provisioningStatusInfo"]?["errorInformation"]?["errorCode"], (string)entry["sourceIdentity"]!["id"]!, bulkId,
            (entry["modifiedProperties"]?.AsArray() ?? []).Select(p => new Change((string)p!["displayName"]!, (string?)p["oldValue"], (string?)p["newValue"])).ToList());
    }

    [GeneratedRegex(@"bulkId '([^']*)'")]
    private static partial Regex BulkIdPattern();
}
