namespace EntraMesh.Dispatch.Sending;

/// <summary>What to do with the operations of a call after Entra's answer.</summary>
public enum FailureAction
{
    /// <summary>202: the operations are submitted.</summary>
    Accepted,

    /// <summary>400 for several operations: send each half on its own to find the offending one.</summary>
    Split,

    /// <summary>400 for a single operation: it is refused for good.</summary>
    Reject,

    /// <summary>429: wait for Retry-After (or back off) and send again.</summary>
    Throttled,

    /// <summary>5xx, timeout, dropped connection: back off with jitter and send again, until the give-up time.</summary>
    Transient,

    /// <summary>401 with a cached token: get a fresh token and send again.</summary>
    RefreshToken,

    /// <summary>403, 404, or 401 with a fresh token: stop the target, alert, keep the operations pending.</summary>
    StopTarget,
}
