using System.Text.Json.Nodes;

namespace EntraMesh.Testing.Chaos.Observation;

/// <summary>One row of reconciliation's worker list: a worker overall (no target) or in one target.</summary>
public sealed record WorkerRow(
    string WorkerId, string? Target, long Revision, string State, string? ChangeKind, string? SkipReason, string? SkipDetail,
    string? ErrorCode, string? ErrorReason)
{
    public static WorkerRow From(JsonNode item) => new(
        (string)item["workerId"]!, (string?)item["target"], (long)item["revision"]!, (string)item["state"]!, (string?)item["changeKind"],
        (string?)item["skipReason"], (string?)item["skipDetail"], (string?)item["errorCode"], (string?)item["errorReason"]);

    public override string ToString() =>
        $"{WorkerId}{(Target is null ? "" : " in " + Target)}: revision {Revision} {State}{(ChangeKind is null ? "" : $" ({ChangeKind})")}" +
        (SkipReason is null ? "" : $", skipped {SkipReason}: {SkipDetail}") +
        (ErrorCode is null && ErrorReason is null ? "" : $", error {ErrorCode}: {ErrorReason}");
}
