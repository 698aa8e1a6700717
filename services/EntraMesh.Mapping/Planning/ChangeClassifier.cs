using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Decides the change kind for one worker in one target from the identity last planned there and the identity the rules
/// make of the new record:
/// <list type="bullet">
/// <item>nothing planned there before: active → <see cref="ChangeKind.Joiner"/>; inactive → nothing (never provisioned);</item>
/// <item>active → inactive: <see cref="ChangeKind.Leaver"/>; inactive → active: <see cref="ChangeKind.Rehire"/>;</item>
/// <item>OU, manager, department or title differ: <see cref="ChangeKind.Mover"/>; any other attribute: <see cref="ChangeKind.Update"/>;</item>
/// <item>no difference: no change (attributes applied only at creation do not count).</item>
/// </list>
/// A worker who changes target is a leaver in the old one and a joiner (or rehire) in the new one; the planner sees to that.
/// </summary>
public static class ChangeClassifier
{
    static readonly string[] MoverAttributes =
    [
        "title",
        $"{ScimSchemas.EnterpriseUser}:department",
        $"{ScimSchemas.EntraMeshExtension}:{ScimSchemas.ParentDistinguishedName}",
    ];

    static readonly string ManagerPrefix = $"{ScimSchemas.EnterpriseUser}:manager";

    public static Classification Classify(PlannedIdentity? previous, JsonObject data, bool active, IReadOnlyList<string> creationOnly)
    {
        if (previous is null) return active ? new Classification(ChangeKind.Joiner, ScimData.ChangedAttributes(null, data)) : Classification.Inactive;

        if (previous.Active != active)
        {
            // A rehire sends the attributes applied at creation too (the object may be re-created); a leaver does not.
            var all = ScimData.ChangedAttributes(previous.Data, data);
            return active
                ? new Classification(ChangeKind.Rehire, all)
                : new Classification(ChangeKind.Leaver, Without(all, previous.CreationOnly, creationOnly));
        }

        var changed = Without(ScimData.ChangedAttributes(previous.Data, data), previous.CreationOnly, creationOnly);
        if (changed.Count == 0) return Classification.NoChange;
        return new Classification(changed.Any(IsMoverAttribute) ? ChangeKind.Mover : ChangeKind.Update, changed);
    }

    /// <summary>The OU, the manager, the department and the title: a change of any of them makes a mover.</summary>
    public static bool IsMoverAttribute(string attribute) =>
        MoverAttributes.Contains(attribute, StringComparer.Ordinal) || attribute.StartsWith(ManagerPrefix, StringComparison.Ordinal);

    static List<string> Without(IReadOnlyList<string> changed, IReadOnlyList<string> previousCreationOnly, IReadOnlyList<string> creationOnly) =>
        previousCreationOnly.Count == 0 && creationOnly.Count == 0
            ? [.. changed]
            : changed.Where(a => !creationOnly.Contains(a, StringComparer.Ordinal) && !previousCreationOnly.Contains(a, StringComparer.Ordinal)).ToList();
}
