namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>
/// A record a case delivered as valid data: it must reach the emulated tenant's directory (cloud target) with these
/// values exactly as they were sent.
/// </summary>
public sealed record StoredWorker(string WorkerId, IReadOnlyDictionary<string, string> Properties);
