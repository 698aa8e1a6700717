namespace EntraMesh.Launcher.Client;

/// <summary>One record of an EntraMesh JSON webhook.</summary>
public sealed record WorkerChange(string EventId, IReadOnlyDictionary<string, string?> Attributes, bool Deleted = false);
