using System.Threading.Channels;
using EntraMesh.EntraEmulator.BulkUpload;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Processing;
using EntraMesh.EntraEmulator.Tenancy;

namespace EntraMesh.EntraEmulator.Jobs;

/// <summary>
/// A provisioning app's synchronization job at run time: its configuration and schema, its status (Active, Paused,
/// Quarantine), the staged batches waiting for its processor, and the figures <c>GET .../jobs/{id}</c> reports.
/// A paused or quarantined job keeps accepting uploads and processes nothing until it is resumed.
/// </summary>
public sealed class ProvisioningJob
{
    readonly Lock gate = new();
    readonly HashSet<string> organizationalUnits;
    Channel<AcceptedBatch> queue = NewQueue();
    TaskCompletionSource runnable = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long pendingOperations;

    public ProvisioningJob(EmulatorTenant tenant, ProvisioningAppOptions options, DateTimeOffset now)
    {
        Tenant = tenant;
        Options = options;
        Schema = JobSchema.For(options);
        ApplicationId = string.IsNullOrWhiteSpace(options.ApplicationId) ? options.ServicePrincipalId : options.ApplicationId;
        organizationalUnits = options.OrganizationalUnits.Select(DistinguishedNames.Normalize).ToHashSet(StringComparer.Ordinal);
        ResetState(now);
    }

    public EmulatorTenant Tenant { get; }

    public ProvisioningAppOptions Options { get; }

    public JobSchema Schema { get; }

    public string JobId => Options.JobId;

    public string ServicePrincipalId => Options.ServicePrincipalId;

    public string ApplicationId { get; }

    public string DisplayName => Options.DisplayName;

    public ProvisioningTarget Target => Options.Target;

    /// <summary>API2AAD or API2AD: the part of the job id before the first dot.</summary>
    public string TemplateId => JobId.Split('.')[0];

    /// <summary>On-premises: the AD domain; null for the cloud.</summary>
    public string? Domain => Target == ProvisioningTarget.OnPremises ? Options.Domain : null;

    public string TargetSystemName => Target == ProvisioningTarget.Cloud ? "Microsoft Entra ID" : "Active Directory";

    public JobStatusCode Status { get; private set; }

    public JobQuarantine? Quarantine { get; private set; }

    /// <summary>Bumped by restart and reset: staged batches of an older generation are dropped.</summary>
    public long Generation { get; private set; }

    public long PendingOperations => Interlocked.Read(ref pendingOperations);

    public JobExecutionFigures Figures { get; private set; } = new();

    /// <summary>Taken while an upload is journaled and staged, and while a restart purges: keeps the journal in the queue's order.</summary>
    public Lock StagingGate { get; } = new();

    public ChannelReader<AcceptedBatch> Reader
    {
        get
        {
            lock (gate) return queue.Reader;
        }
    }

    public bool HasOrganizationalUnit(string distinguishedName) => organizationalUnits.Contains(DistinguishedNames.Normalize(distinguishedName));

    /// <summary>Stages an accepted batch (never refuses: Entra accepts uploads even for a paused job).</summary>
    public void Enqueue(IReadOnlyList<BulkOperation> operations, DateTimeOffset acceptedAt, string requestId)
    {
        Interlocked.Add(ref pendingOperations, operations.Count);
        lock (gate) queue.Writer.TryWrite(new AcceptedBatch(operations, acceptedAt, requestId, Generation));
    }

    public void Dequeued(AcceptedBatch batch) => Interlocked.Add(ref pendingOperations, -batch.Operations.Count);

    /// <summary>Completes when the job may process (Active).</summary>
    public Task WhenRunnableAsync(CancellationToken cancellationToken)
    {
        lock (gate) return runnable.Task.WaitAsync(cancellationToken);
    }

    public void Pause() => SetStatus(JobStatusCode.Paused, null);

    public void Resume() => SetStatus(JobStatusCode.Active, null);

    public void PutInQuarantine(string reason, string? errorCode, string? message, DateTimeOffset now) =>
        SetStatus(JobStatusCode.Quarantine, new JobQuarantine(reason, errorCode, message, now, now, now.AddMinutes(40), 1));

    /// <summary>
    /// Restarting a job purges its staged records (as in Entra) and clears quarantine. Taken under the directory lock, so
    /// it never falls in the middle of a batch being processed.
    /// </summary>
    /// <returns>How many staged operations were purged.</returns>
    public long Restart()
    {
        long purged;
        lock (Tenant.Directory.Gate)
        lock (gate)
        {
            Generation++;
            queue.Writer.TryComplete();
            queue = NewQueue();
            purged = Interlocked.Exchange(ref pendingOperations, 0);
        }

        SetStatus(JobStatusCode.Active, null);
        return purged;
    }

    /// <summary>Back to the configured state: status, empty queue, no figures.</summary>
    public void Reset(DateTimeOffset now)
    {
        Restart();
        Figures = new JobExecutionFigures();
        ResetState(now);
    }

    public void Record(JobExecution execution)
    {
        lock (gate) Figures = Figures.With(execution);
    }

    void ResetState(DateTimeOffset at)
    {
        if (!Options.NotificationEmail)
        {
            PutInQuarantine("EncounteredQuarantineException", "NotificationEmailMissing",
                "The job was started without a notification e-mail address; set one in the provisioning app's settings.", at);
        }
        else if (Options.Status == JobStatusCode.Quarantine)
        {
            PutInQuarantine("QuarantinedOnDemand", null, "The job was configured in quarantine.", at);
        }
        else
        {
            SetStatus(Options.Status is JobStatusCode.Paused ? JobStatusCode.Paused : JobStatusCode.Active, null);
        }
    }

    void SetStatus(JobStatusCode status, JobQuarantine? quarantine)
    {
        lock (gate)
        {
            Status = status;
            Quarantine = quarantine;
            if (status == JobStatusCode.Active) runnable.TrySetResult();
            else if (runnable.Task.IsCompleted) runnable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    static Channel<AcceptedBatch> NewQueue() =>
        Channel.CreateUnbounded<AcceptedBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
}
