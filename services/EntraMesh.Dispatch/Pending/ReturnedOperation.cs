using EntraMesh.Contracts;

namespace EntraMesh.Dispatch.Pending;

/// <summary>An operation whose call failed and that went back to the line (or was given up).</summary>
public sealed record ReturnedOperation(
    Guid ChangeId,
    Guid RecordId,
    string SourceId,
    string WorkerId,
    long Revision,
    ChangeKind Kind,
    Guid? CallId);
