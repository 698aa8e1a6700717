using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>From <c>IdentityChangePlanned</c>.</summary>
public sealed record ChangePlanned : LaneEvent
{
    public ChangePriority? Priority { get; init; }
    public IReadOnlyList<string> ChangedAttributes { get; init; } = [];
    public string? RuleSetVersion { get; init; }

    public override string Name => "IdentityChangePlanned";
    public override WorkerState State => WorkerState.Planned;
    public override int Stage => ReadModel.Stage.Decided;

    public override IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>
    {
        ["changeId"] = ChangeId,
        ["changeKind"] = ChangeKind?.ToString(),
        ["priority"] = Priority?.ToString(),
        ["changedAttributes"] = ChangedAttributes,
        ["ruleSetVersion"] = RuleSetVersion,
    };
}
