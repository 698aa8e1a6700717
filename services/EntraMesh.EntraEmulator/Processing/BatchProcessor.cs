using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.Persistence;
using EntraMesh.EntraEmulator.ProvisioningLogs;

namespace EntraMesh.EntraEmulator.Processing;

/// <summary>
/// Processes one staged batch as one cycle of its job: applies every operation under the directory lock, then resolves
/// manager references (so a manager sent in the same batch is found), then writes one log entry per operation that
/// becomes visible after the log delay.
/// </summary>
public sealed class BatchProcessor(RuntimeSettings settings, EmulatorCounters counters, TenantJournal journal, TimeProvider time, ILogger<BatchProcessor> logger)
{
    const string RedundantExportReason = "The user already has these values in the target; nothing was exported.";

    /// <summary>
    /// Everything happens under the directory lock, log append included, so a reset (which bumps the job's generation and
    /// clears directory and log under the same lock) never sees half a batch. Returns false for a batch a reset or restart purged.
    /// </summary>
    public bool Process(ProvisioningJob job, AcceptedBatch batch)
    {
        var directory = job.Tenant.Directory;
        lock (directory.Gate)
        {
            if (batch.Generation != job.Generation) return false;
            var began = time.GetUtcNow();
            var outcomes = new OperationOutcome[batch.Operations.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                var outcome = outcomes[i] = new OperationOutcome(batch.Operations[i]);
                try
                {
                    OperationApplier.Apply(job, outcome, began);
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    EmulatorLog.OperationFailed(logger, error, job.JobId, outcome.Operation.User.ExternalId);
                    outcome.Fail(ErrorCodes.Internal, "The emulator failed to process this operation; see its log.", "SystemFailure");
                }
            }

            foreach (var outcome in outcomes) ResolveManager(job, outcome);
            Record(job, batch, outcomes, began);
            job.Dequeued(batch);
            return true;
        }
    }

    void Record(ProvisioningJob job, AcceptedBatch batch, OperationOutcome[] outcomes, DateTimeOffset began)
    {
        var ended = time.GetUtcNow();
        var visibleAt = ended + settings.LogDelay.Draw();
        var cycleId = Guid.NewGuid().ToString();
        var entries = new ProvisioningLogEntry[outcomes.Length];
        int exported = 0, escrowed = 0, skipped = 0;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var outcome = outcomes[i];
            Finish(outcome);
            entries[i] = ToEntry(job, outcome, cycleId, ended, visibleAt);
            counters.OperationProcessed(outcome.Status);
            if (outcome.Failed) escrowed++;
            else if (outcome.Status == "skipped") skipped++;
            else exported++;
        }

        // Journaled before anything of the batch becomes visible (the directory is behind the lock this runs under).
        journal.Processed(job, batch.RequestId, outcomes.Select(outcome => outcome.User).OfType<Users.DirectoryUser>(), entries);
        job.Tenant.Logs.Append(entries);
        job.Record(new JobExecution(cycleId, began, ended, outcomes.Length, exported, escrowed, skipped));
    }

    /// <summary>Sets or clears the manager by the manager's externalId, among users of the same target.</summary>
    static void ResolveManager(ProvisioningJob job, OperationOutcome outcome)
    {
        var scim = outcome.Operation.User;
        if (outcome.User is not { } user || outcome.Failed || !scim.HasManager) return;

        string? managerId = null;
        if (!string.IsNullOrEmpty(scim.ManagerExternalId))
        {
            var manager = job.Tenant.Directory.FindByEmployeeId(job.Domain, scim.ManagerExternalId);
            if (manager is null)
            {
                var reason = $"We were unable to assign '{scim.ManagerExternalId}' as the manager of '{scim.ExternalId}': no User with "
                    + $"{AttributeMap.MatchingProperty(job.Target)} '{scim.ManagerExternalId}' has been provisioned to {job.TargetSystemName}. "
                    + "Send the manager first (or in the same request) and send this user again.";
                outcome.Steps.Add(new ProvisioningStep(StepKind.ReferenceResolution, "failure", Text: reason));
                outcome.Fail(ErrorCodes.UnresolvedManager, reason, recommendedAction: "Provision the manager, then send this user again.");
                return;
            }

            managerId = manager.Id;
            outcome.Steps.Add(new ProvisioningStep(StepKind.ReferenceResolution, "success", scim.ManagerExternalId));
        }

        if (string.Equals(managerId, user.ManagerId, StringComparison.OrdinalIgnoreCase)) return;
        outcome.Modified.Add(new ModifiedProperty(TargetProperties.Manager, user.ManagerId, managerId));
        user.ManagerId = managerId;
    }

    /// <summary>Appends the export step; an update that changed nothing is skipped as a redundant export.</summary>
    static void Finish(OperationOutcome outcome)
    {
        if (outcome.Export is { } export)
        {
            if (outcome.Status == "success" && !outcome.Created && outcome.Modified.Count == 0)
            {
                outcome.Steps.Add(new ProvisioningStep(StepKind.ExportSkipped, "skipped"));
                outcome.Skip(ErrorCodes.RedundantExport, RedundantExportReason);
                return;
            }

            outcome.Steps.Add(export);
        }
    }

    static ProvisioningLogEntry ToEntry(ProvisioningJob job, OperationOutcome outcome, string cycleId, DateTimeOffset at, DateTimeOffset visibleAt) => new()
    {
        Id = Guid.NewGuid(),
        Job = job,
        ActivityDateTime = at,
        VisibleAt = visibleAt,
        CycleId = cycleId,
        ChangeId = Guid.NewGuid(),
        DurationInMilliseconds = Random.Shared.Next(40, 900),
        Action = outcome.Action,
        Status = outcome.Status,
        ErrorCode = outcome.ErrorCode,
        ErrorReason = outcome.ErrorReason,
        ErrorCategory = outcome.ErrorCategory,
        RecommendedAction = outcome.RecommendedAction,
        SourceId = outcome.Operation.User.ExternalId,
        SourceDisplayName = outcome.Operation.User.DisplayName ?? outcome.User?.DisplayName,
        TargetId = outcome.User?.Id,
        TargetDisplayName = outcome.User?.DisplayName,
        Steps = [.. outcome.Steps],
        ModifiedProperties = [.. outcome.Modified],
    };
}
