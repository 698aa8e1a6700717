using System.Text.Json.Serialization;

namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>Where a worker (overall) or one of its targets stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkerState>))]
public enum WorkerState
{
    /// <summary>Ingest accepted the record; mapping has not decided yet.</summary>
    Accepted,

    /// <summary>Mapping holds a future-dated change until <c>heldUntil</c>.</summary>
    Held,

    /// <summary>Mapping planned a change for the target.</summary>
    Planned,

    /// <summary>Nothing is sent: mapping decided so (reason), or Entra skipped the record (<c>SkippedByEntra</c>).</summary>
    Skipped,

    /// <summary>Dispatch stored the change as pending.</summary>
    Queued,

    /// <summary>Dispatch sent the change in a bulkUpload call that Entra accepted; waiting for the provisioning logs.</summary>
    Submitted,

    /// <summary>Submitted longer ago than <c>Reconciliation:StuckAfter</c> and no outcome yet.</summary>
    Stuck,

    /// <summary>Entra's provisioning logs report success (or success with a warning).</summary>
    Succeeded,

    /// <summary>Entra's provisioning logs report a failure, with Entra's error code and reason.</summary>
    Failed,

    /// <summary>Dispatch gave up on the change (Entra refused the call for good, or retries ran out).</summary>
    Rejected,
}
