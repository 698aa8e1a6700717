using System.Text.Json;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>Reading provisioningObjectSummary JSON in assertions.</summary>
internal static class LogEntry
{
    public static string Status(this JsonElement entry) => entry.GetProperty("provisioningStatusInfo").GetProperty("status").GetString()!;

    public static string Action(this JsonElement entry) => entry.GetProperty("provisioningAction").GetString()!;

    public static string? ErrorCode(this JsonElement entry) =>
        entry.GetProperty("provisioningStatusInfo").GetProperty("errorInformation") is { ValueKind: JsonValueKind.Object } error
            ? error.GetProperty("errorCode").GetString()
            : null;

    public static string? ErrorReason(this JsonElement entry) =>
        entry.GetProperty("provisioningStatusInfo").GetProperty("errorInformation") is { ValueKind: JsonValueKind.Object } error
            ? error.GetProperty("reason").GetString()
            : null;

    public static string? NewValue(this JsonElement entry, string property) =>
        entry.GetProperty("modifiedProperties").EnumerateArray()
            .Where(item => item.GetProperty("displayName").GetString() == property)
            .Select(item => item.GetProperty("newValue").GetString()).FirstOrDefault();

    public static IEnumerable<string> StepTypes(this JsonElement entry) =>
        entry.GetProperty("provisioningSteps").EnumerateArray().Select(step => step.GetProperty("provisioningStepType").GetString()!);
}
