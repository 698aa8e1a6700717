using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Mapping.Planning;
using EntraMesh.Mapping.Rules.Evaluation;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>
/// Classifies what a candidate rule set does to one worker against what the running rule set does to the same record,
/// with the planner's rules (<see cref="ChangeClassifier"/>): the running rules' identity plays the last planned one. A
/// worker the running rules keep inactive counts as provisioned in that target only when mapping planned it there before.
/// </summary>
public static class WorkerComparer
{
    public static WorkerComparison Compare(RuleEvaluation running, RuleEvaluation candidate, IReadOnlySet<string> plannedTargets)
    {
        var before = running.Selected;
        var after = candidate.Selected;
        if (before?.Error is not null) return new WorkerComparison { RunningTarget = before.Name, CandidateTarget = after?.Name, RunningError = true };
        if (after?.Error is { } error) return new WorkerComparison { RunningTarget = before?.Name, CandidateTarget = after.Name, CandidateError = error };

        var changes = new List<PreviewChange>();
        if (before is { Active: true } && before.Name != after?.Name)
        {
            changes.Add(new PreviewChange(before.Name, ChangeKind.Leaver, ["active"], [new ValueChangeResponse("active", true, false)]));
        }

        (string, string?, string?)? ouChange = null;
        if (after is not null)
        {
            Classification classification;
            if (before?.Name == after.Name)
            {
                var previous = before.Active!.Value || plannedTargets.Contains(after.Name) ? Identity(before) : null;
                classification = ChangeClassifier.Classify(previous, after.Data!, after.Active!.Value, after.CreationOnlyAttributes);
                if (before.ParentDistinguishedName != after.ParentDistinguishedName) ouChange = (after.Name, before.ParentDistinguishedName, after.ParentDistinguishedName);
            }
            else
            {
                var all = ScimData.ChangedAttributes(null, after.Data!);
                classification = !after.Active!.Value ? Classification.Inactive
                    : new Classification(plannedTargets.Contains(after.Name) ? ChangeKind.Rehire : ChangeKind.Joiner, all);
            }

            if (classification.Kind is { } kind)
            {
                var redacted = after.RedactedAttributes.Concat(before?.RedactedAttributes ?? []).ToHashSet(StringComparer.Ordinal);
                var values = Values(before?.Name == after.Name ? before.Data : null, after.Data!, classification.ChangedAttributes, redacted);
                changes.Add(new PreviewChange(after.Name, kind, classification.ChangedAttributes, values));
            }
        }

        return new WorkerComparison { RunningTarget = before?.Name, CandidateTarget = after?.Name, Changes = changes, OuChange = ouChange };
    }

    static PlannedIdentity Identity(TargetEvaluation evaluation) => new()
    {
        Target = evaluation.Name,
        Data = evaluation.Data!,
        Active = evaluation.Active!.Value,
        ParentDistinguishedName = evaluation.ParentDistinguishedName,
        CreationOnly = evaluation.CreationOnlyAttributes,
        Revision = 0,
        RecordId = Guid.Empty,
        ChangeId = Guid.Empty,
        Kind = ChangeKind.Update,
        PlannedAt = DateTimeOffset.MinValue,
        RuleSetVersion = "",
    };

    static List<ValueChangeResponse> Values(JsonObject? before, JsonObject after, IReadOnlyList<string> changed, HashSet<string> redacted)
    {
        var old = before is null ? [] : ScimData.Flatten(before);
        var now = ScimData.Flatten(after);
        return changed.Select(attribute => redacted.Contains(attribute)
                ? new ValueChangeResponse(attribute, old.ContainsKey(attribute) ? "[Redact]" : null, now.ContainsKey(attribute) ? "[Redact]" : null)
                : new ValueChangeResponse(attribute, Parse(old, attribute), Parse(now, attribute)))
            .ToList();
    }

    static JsonNode? Parse(Dictionary<string, string> values, string attribute) =>
        values.TryGetValue(attribute, out var json) ? JsonNode.Parse(json) : null;
}
