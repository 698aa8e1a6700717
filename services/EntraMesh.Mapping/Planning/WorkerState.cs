using EntraMesh.Mapping.Holding;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// What mapping knows about one worker while it holds the worker's row lock: the last accepted record, the identity
/// planned in each target and the held change. Planning changes it in memory; <see cref="WorkerStateStore"/> writes back
/// what changed, in the same transaction.
/// </summary>
internal sealed class WorkerState(WorkerKey worker, StoredRecord? record, Dictionary<string, PlannedIdentity> identities, HeldChange? hold)
{
    readonly HashSet<string> changedTargets = new(StringComparer.Ordinal);

    public WorkerKey Worker { get; } = worker;

    /// <summary>The last accepted record (the highest revision); null when the worker has none yet.</summary>
    public StoredRecord? Record { get; private set; } = record;

    public bool RecordChanged { get; private set; }

    /// <summary>The identity last planned in each target, by target name.</summary>
    public IReadOnlyDictionary<string, PlannedIdentity> Identities => identities;

    public IEnumerable<PlannedIdentity> ChangedIdentities => changedTargets.Select(target => identities[target]);

    public HeldChange? Hold { get; private set; } = hold;

    /// <summary>The held change was removed or replaced (the row is deleted, and <see cref="Hold"/> written when set).</summary>
    public bool HoldChanged { get; private set; }

    public bool IsActiveAnywhere => identities.Values.Any(identity => identity.Active);

    public void SetRecord(StoredRecord newRecord)
    {
        Record = newRecord;
        RecordChanged = true;
    }

    public void SetIdentity(PlannedIdentity identity)
    {
        identities[identity.Target] = identity;
        changedTargets.Add(identity.Target);
    }

    public void SetHold(HeldChange? newHold)
    {
        Hold = newHold;
        HoldChanged = true;
    }
}
