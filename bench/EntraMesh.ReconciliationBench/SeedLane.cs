namespace EntraMesh.ReconciliationBench;

/// <summary>One seeded worker-and-target with its step times and the timeline entries that led there.</summary>
public sealed record SeedLane(
    string Target, string Kind, string State, short Stage, Guid ChangeId, Guid SubmissionId, DateTimeOffset PlannedAt, DateTimeOffset? QueuedAt,
    DateTimeOffset? SubmittedAt, DateTimeOffset? CompletedAt, string? OutcomeStatus, string? ErrorCode, string? SkipReason,
    DateTimeOffset? HeldUntil, DateTimeOffset? StuckAt, DateTimeOffset StateAt)
{
    public sealed record Entry(string Event, string State, DateTimeOffset At, string? Detail);

    static readonly string[] Order = ["Failed", "Rejected", "Stuck", "Accepted", "Held", "Planned", "Queued", "Submitted", "Succeeded", "Skipped"];

    public static int Precedence(string state) => Array.IndexOf(Order, state);

    public static SeedLane Create(string target, string kind, DateTimeOffset acceptedAt, Random random, DateTimeOffset now)
    {
        var roll = random.Next(1000);
        var state = roll switch
        {
            < 900 => "Succeeded",
            < 930 => "Failed",
            < 940 => "Rejected",
            < 960 => "Submitted",
            < 965 => "Stuck",
            < 975 => "Queued",
            < 985 => "Planned",
            < 995 => "Skipped",
            _ => "Held",
        };
        var planned = acceptedAt.AddSeconds(1);
        var queued = state is "Planned" or "Skipped" or "Held" ? (DateTimeOffset?)null : acceptedAt.AddSeconds(2);
        // Submitted means sent within Reconciliation:StuckAfter (older ones are Stuck), so the stuck scan leaves the seed alone.
        var submitted = state switch
        {
            "Submitted" => now.AddSeconds(-random.Next(600)),
            "Stuck" or "Succeeded" or "Failed" => acceptedAt.AddSeconds(2 + random.Next(60)),
            _ => (DateTimeOffset?)null,
        };
        DateTimeOffset? completed = state switch
        {
            "Succeeded" or "Failed" => submitted!.Value.AddSeconds(300 + random.Next(600)),
            "Rejected" => acceptedAt.AddSeconds(5),
            _ => null,
        };
        var stage = state switch
        {
            "Held" => (short)1,
            "Planned" or "Skipped" => (short)2,
            "Queued" => (short)3,
            "Submitted" => (short)4,
            "Stuck" => (short)5,
            _ => (short)6,
        };
        var stuckAt = state == "Stuck" ? submitted!.Value.AddMinutes(15) : (DateTimeOffset?)null;
        return new SeedLane(
            target, kind, state, stage, Guid.NewGuid(), Guid.NewGuid(), planned, queued, submitted, completed,
            state switch { "Succeeded" => "Success", "Failed" => "Failure", _ => null },
            state is "Failed" or "Rejected" ? Seeder.ErrorCode(random) : null,
            state switch { "Skipped" => "NoChange", "Held" => "Held", _ => null },
            state == "Held" ? acceptedAt.AddDays(10) : null,
            stuckAt,
            completed ?? stuckAt ?? submitted ?? queued ?? planned);
    }

    /// <summary>The worker's accepted record (once per worker), then this target's plan, queue, submission, stuck marker and outcome.</summary>
    public IEnumerable<Entry> Timeline(SeedWorker worker, bool withAccepted)
    {
        if (withAccepted) yield return new Entry("WorkerRecordAccepted", "Accepted", worker.AcceptedAt, """{"channel":"webhook"}""");
        yield return new Entry(SkipReason is null ? "IdentityChangePlanned" : "IdentityChangeSkipped", SkipReason is null ? "Planned" : State, PlannedAt,
            $$"""{"changeKind":"{{Kind}}"}""");
        if (QueuedAt is { } queued) yield return new Entry("IdentityChangeQueued", "Queued", queued, null);
        if (SubmittedAt is { } submitted) yield return new Entry("ProvisioningSubmitted", "Submitted", submitted, $$"""{"submissionId":"{{SubmissionId}}"}""");
        if (StuckAt is { } stuck) yield return new Entry("StuckDetected", "Stuck", stuck, null);
        if (CompletedAt is { } completed)
        {
            yield return new Entry(State == "Rejected" ? "ProvisioningRejected" : "ProvisioningOutcomeObserved", State, completed,
                ErrorCode is null ? """{"status":"Success"}""" : $$"""{"errorCode":"{{ErrorCode}}"}""");
        }
    }
}
