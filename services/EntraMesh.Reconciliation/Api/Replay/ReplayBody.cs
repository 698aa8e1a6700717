namespace EntraMesh.Reconciliation.Api.Replay;

/// <summary>Why the worker should be planned again (kept in its timeline with who asked).</summary>
public sealed record ReplayBody(string? Reason);
