using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Dispatch.Configuration;

/// <summary>The <c>Dispatch</c> section: targets, batching, pacing and failure handling. Validated at start.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary><c>Dispatch:Targets:&lt;i&gt;:…</c>: the rule set's target names mapped to Entra provisioning apps.</summary>
    public List<TargetOptions> Targets { get; set; } = [];

    /// <summary>Without a full batch, the changes waiting are sent once no new one arrived for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05", ErrorMessage = "Dispatch:BatchWindow must be between 0 and 5 seconds.")]
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Without a full batch, the oldest change waiting is sent after this long even while others keep arriving.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Dispatch:BatchMaxDelay must be between 0 and 5 minutes.")]
    public TimeSpan BatchMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Like <see cref="BatchWindow"/>, for a line holding only movers and updates (routine changes): without a full batch
    /// they go once no change arrived for this long. Changes trickling out of a large file fill whole calls this way.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Dispatch:RoutineBatchWindow must be between 0 and 5 minutes.")]
    public TimeSpan RoutineBatchWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Like <see cref="BatchMaxDelay"/>, for movers and updates: the oldest goes at the latest after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Dispatch:RoutineBatchMaxDelay must be between 0 and 1 hour.")]
    public TimeSpan RoutineBatchMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Planned changes stored per transaction: up to this many of the queue's messages are taken in together.</summary>
    [Range(1, 1_000, ErrorMessage = "Dispatch:IntakeBatchSize must be between 1 and 1000.")]
    public int IntakeBatchSize { get; set; } = 100;

    /// <summary>How long the intake waits for more planned changes before it stores a batch (what a lone change waits at most).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10", ErrorMessage = "Dispatch:IntakeBatchTimeLimit must be between 1 ms and 10 seconds.")]
    public TimeSpan IntakeBatchTimeLimit { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Intake batches one replica stores at the same time (each in its own transaction).</summary>
    [Range(1, 64, ErrorMessage = "Dispatch:IntakeConcurrentBatches must be between 1 and 64.")]
    public int IntakeConcurrentBatches { get; set; } = 4;

    /// <summary>Operations per bulkUpload call; Entra takes at most 50.</summary>
    [Range(1, 50, ErrorMessage = "Dispatch:MaxOperationsPerCall must be between 1 and 50 (Entra's limit).")]
    public int MaxOperationsPerCall { get; set; } = 50;

    /// <summary>Calls one replica may have in flight per target at once (the budgets still bound the rate).</summary>
    [Range(1, 32, ErrorMessage = "Dispatch:MaxConcurrentCalls must be between 1 and 32.")]
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>
    /// Calls one replica reserves at the same time per target, each in its own transaction (like that many replicas, sharing
    /// <see cref="MaxConcurrentCalls"/>). One is plenty within Entra's limits; more helps only a tenant whose rate lets calls
    /// go faster than one reservation after the other can take them.
    /// </summary>
    [Range(1, 8, ErrorMessage = "Dispatch:ConcurrentClaims must be between 1 and 8.")]
    public int ConcurrentClaims { get; set; } = 1;

    /// <summary>
    /// Full calls one reservation may take at once when a backlog waits and calls in flight are free (the budgets checked
    /// for each, as for calls reserved one by one): fewer transactions and waits for the tenant's lock per call. One keeps
    /// every call its own reservation, spread over the rate window.
    /// </summary>
    [Range(1, 8, ErrorMessage = "Dispatch:MaxCallsPerClaim must be between 1 and 8.")]
    public int MaxCallsPerClaim { get; set; } = 1;

    /// <summary>How often a replica looks for changes that another replica stored (its own wake it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Dispatch:PollInterval must be between 50 ms and 1 minute.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one bulkUpload call; a call without an answer by then counts as a timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Dispatch:RequestTimeout must be between 100 ms and 5 minutes.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long operations stay reserved by a call in flight. A replica that dies mid-call leaves them reserved until
    /// the lease ends; then they are sent again (harmless: Entra matches on externalId). Must exceed RequestTimeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Dispatch:InFlightLease must be between 1 second and 1 hour.")]
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First back-off after a 5xx, a timeout or a 429 without Retry-After; doubles per failure, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Dispatch:RetryBaseDelay must be between 10 ms and 10 minutes.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest back-off, and the longest Retry-After honoured as given.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "06:00:00", ErrorMessage = "Dispatch:RetryMaxDelay must be between 10 ms and 6 hours.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An operation that keeps meeting 5xx answers or timeouts this long is rejected (ProvisioningRejected).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Dispatch:GiveUpAfter must be between 1 second and 30 days.")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(12);

    /// <summary>After a 403 (or a 401 with a fresh token) a target stops; it tries one call again after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00", ErrorMessage = "Dispatch:StoppedRetryInterval must be between 100 ms and 1 day.")]
    public TimeSpan StoppedRetryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Added to the rate window when counting calls. The count is safe without it (a call is counted until its answer
    /// was recorded); it absorbs timestamp granularity on Entra's side.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05", ErrorMessage = "Dispatch:RateSafetyMargin must be between 0 and 5 seconds.")]
    public TimeSpan RateSafetyMargin { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often pending counts, budgets and target states are read for metrics and the health check.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Dispatch:StatusRefreshInterval must be between 100 ms and 10 minutes.")]
    public TimeSpan StatusRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long sent, rejected and superseded operations and their calls are kept (log matching needs them).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Dispatch:HistoryRetention must be between 1 hour and 365 days.")]
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Run the batchers in this process (off for a replica that should only consume, or in tests).</summary>
    public bool SendingEnabled { get; set; } = true;

    public LogPollingOptions LogPolling { get; set; } = new();
}
