using System.Globalization;
using EntraMesh.Contracts;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Mapping.Holding;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.Expressions;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Plans one request for one locked worker with one rule set, inside the caller's transaction: decides stale, held,
/// invalid, out of scope, no change, or the changes to send (see <see cref="ChangeClassifier"/>), publishes the events
/// through the outbox and updates the worker's state. One instance serves one transaction.
/// </summary>
internal sealed class RecordPlanner(OutboxTransaction tx, RuleSet ruleSet, TimeProvider time, PlanResult result, ILogger logger)
{
    readonly DateTimeOffset now = time.GetUtcNow();
    readonly UniqueValueClaims claims = new(tx);

    public async Task PlanAsync(WorkerState state, PlanRequest request, CancellationToken cancellationToken)
    {
        switch (request.Origin)
        {
            case PlanOrigin.Accepted:
                var record = request.Record!;
                if (state.Record is { } last && record.Revision <= last.Revision)
                {
                    Skip(record, SkipReason.Stale, null,
                        $"revision {record.Revision} is not newer than revision {last.Revision}, which mapping already planned");
                    return;
                }

                state.SetRecord(record);
                if (state.Hold is not null)
                {
                    // The newest record is the worker's whole truth: what an older one held for later is replaced.
                    state.SetHold(null);
                    result.HoldsSuperseded++;
                }

                await PlanRecordAsync(state, record, replay: false, cancellationToken);
                break;

            case PlanOrigin.Replay:
                if (state.Record is not { } latest)
                {
                    PlanningLog.ReplayOfUnknownWorker(logger, state.Worker);
                    return;
                }

                PlanningLog.Replaying(logger, state.Worker, latest.Revision);
                if (state.Hold is not null) state.SetHold(null);
                await PlanRecordAsync(state, latest, replay: true, cancellationToken);
                break;

            case PlanOrigin.Release:
                // Released by another replica meanwhile, or replaced by a newer record: nothing to do.
                if (state.Hold is not { } hold || hold != request.Hold || state.Record is not { } held) return;
                state.SetHold(null);
                if (held.Revision != hold.Revision) return;
                result.HoldsReleased++;
                await PlanRecordAsync(state, held, replay: false, cancellationToken);
                break;
        }
    }

    async Task PlanRecordAsync(WorkerState state, StoredRecord record, bool replay, CancellationToken cancellationToken)
    {
        if (record.EffectiveAt is { } effective && effective > now)
        {
            Hold(state, record, HoldReason.EffectiveDate, null, effective, $"the record takes effect at {Instant(effective)}");
            return;
        }

        var evaluation = await ruleSet.EvaluateAsync(record.ToWorkerRecord(), new EvaluationOptions
        {
            Environment = new EvaluationEnvironment(time, Randomness.Secure),
            IsUnique = claims.ClaimAsync,
        }, cancellationToken);

        var selected = evaluation.Selected;
        if (selected?.Error is { } error)
        {
            // The message may quote the record's values: events and logs name the attribute and its place in the rules.
            PlanningLog.Invalid(logger, state.Worker, record.Revision, error.Target, error.Attribute, ruleSet.Version, error.Position.Line, error.Position.Column);
            Skip(record, SkipReason.Invalid, error.Target,
                $"rule set {ruleSet.Version}: {error.Attribute} (line {error.Position.Line}, column {error.Position.Column}) cannot be mapped " +
                "for this record; POST the record to /api/rules/preview to see why");
            return;
        }

        var changes = new List<PlannedChange>();
        foreach (var identity in state.Identities.Values.Where(i => i.Active && i.Target != selected?.Name).OrderBy(i => i.Target, StringComparer.Ordinal))
        {
            // Out of this target's scope now (another target took the worker, or none did): a leaver there.
            var data = identity.Data.DeepClone().AsObject();
            data["active"] = false;
            changes.Add(new PlannedChange(identity.Target, ChangeKind.Leaver, data, false, identity.ParentDistinguishedName, identity.CreationOnly, ["active"]));
        }

        var neverProvisioned = false;
        if (selected is not null)
        {
            state.Identities.TryGetValue(selected.Name, out var previous);
            var classification = ChangeClassifier.Classify(previous, selected.Data!, selected.Active!.Value, selected.CreationOnlyAttributes);
            neverProvisioned = classification.NeverProvisioned;
            if (classification.Kind is { } kind)
            {
                changes.Add(new PlannedChange(selected.Name, kind, selected.Data!, selected.Active.Value, selected.ParentDistinguishedName,
                    selected.CreationOnlyAttributes, classification.ChangedAttributes));
            }
            else if (replay && previous is not null)
            {
                // A replay sends the identity again even though nothing changed, as the kind of change last planned there.
                changes.Add(new PlannedChange(selected.Name, previous.Kind, selected.Data!, selected.Active.Value, selected.ParentDistinguishedName,
                    selected.CreationOnlyAttributes, previous.Kind == ChangeKind.Joiner ? ScimData.ChangedAttributes(null, selected.Data!) : []));
            }

            await claims.ReleaseReplacedAsync(selected.Target, state.Worker, selected.Data!, cancellationToken);
        }

        if (evaluation.ProvisionFrom is { } from && from > now && changes.Any(c => c.Kind is ChangeKind.Joiner or ChangeKind.Rehire))
        {
            var window = ruleSet.Organisation.PreHireWindow;
            Hold(state, record, HoldReason.PreHire, selected!.Name, from,
                $"hired on {record.HireDate:yyyy-MM-dd}; with the pre-hire window of {window.TotalDays.ToString("0.##", CultureInfo.InvariantCulture)} days " +
                $"the worker is provisioned from {Instant(from)} ({ruleSet.Organisation.TimeZone.Id})");
            return;
        }

        if (changes.Count == 0)
        {
            if (selected is null) Skip(record, SkipReason.OutOfScope, null, "no target's scoping filters take the worker");
            else if (neverProvisioned) Skip(record, SkipReason.NoChange, selected.Name, $"inactive and never provisioned in {selected.Name}: no account is created for an inactive worker");
            else Skip(record, SkipReason.NoChange, selected.Name, null);
        }

        foreach (var change in changes) Publish(state, record, change);

        if (evaluation.TerminationAt is { } terminationAt && terminationAt > now && !record.Terminated && state.IsActiveAnywhere)
        {
            Hold(state, record, HoldReason.Termination, selected?.Name, terminationAt,
                $"terminated on {record.TerminationDate:yyyy-MM-dd} ({ruleSet.Organisation.TimeZone.Id}): the leaver is sent at {Instant(terminationAt)}");
        }
    }

    void Publish(WorkerState state, StoredRecord record, PlannedChange change)
    {
        var changeId = Guid.CreateVersion7(now);
        tx.Publish(new IdentityChangePlanned
        {
            ChangeId = changeId,
            RecordId = record.RecordId,
            SourceId = record.Worker.SourceId,
            WorkerId = record.Worker.WorkerId,
            Revision = record.Revision,
            Target = change.Target,
            ChangeKind = change.Kind,
            Priority = ChangePriorities.For(change.Kind),
            Data = SentData.For(change.Kind, change.Data, change.CreationOnly),
            ChangedAttributes = change.ChangedAttributes,
            PlannedAt = now,
            RuleSetVersion = ruleSet.Version,
        });

        state.SetIdentity(new PlannedIdentity
        {
            Target = change.Target,
            Data = change.Data,
            Active = change.Active,
            ParentDistinguishedName = change.ParentDistinguishedName,
            CreationOnly = change.CreationOnly,
            Revision = record.Revision,
            RecordId = record.RecordId,
            ChangeId = changeId,
            Kind = change.Kind,
            PlannedAt = now,
            RuleSetVersion = ruleSet.Version,
        });
        result.AddPlanned(change.Target, change.Kind);
        PlanningLog.Planned(logger, state.Worker, record.Revision, change.Kind, change.Target);
    }

    void Hold(WorkerState state, StoredRecord record, HoldReason reason, string? target, DateTimeOffset dueAt, string detail)
    {
        state.SetHold(new HeldChange(record.Revision, record.RecordId, reason, target, dueAt.ToUniversalTime(), now));
        result.AddHeld(reason, dueAt);
        PlanningLog.Held(logger, state.Worker, record.Revision, dueAt, reason);
        Skip(record, SkipReason.Held, target, detail, dueAt.ToUniversalTime());
    }

    void Skip(StoredRecord record, SkipReason reason, string? target, string? detail, DateTimeOffset? heldUntil = null)
    {
        tx.Publish(new IdentityChangeSkipped
        {
            RecordId = record.RecordId,
            SourceId = record.Worker.SourceId,
            WorkerId = record.Worker.WorkerId,
            Revision = record.Revision,
            Target = target,
            Reason = reason,
            HeldUntil = heldUntil,
            Detail = detail,
            SkippedAt = now,
        });
        result.AddSkipped(reason);
        PlanningLog.Skipped(logger, record.Worker, record.Revision, reason);
    }

    static string Instant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
