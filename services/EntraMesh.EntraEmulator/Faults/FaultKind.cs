namespace EntraMesh.EntraEmulator.Faults;

/// <summary>The kinds of injected fault.</summary>
public enum FaultKind
{
    TooManyRequests,
    InternalServerError,
    ServiceUnavailable,
    DroppedConnection,
    DropAfterProcessing,
    Timeout,
}
