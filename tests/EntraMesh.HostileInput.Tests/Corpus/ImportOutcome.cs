namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>What an accepted import must end with: its status and how many rows were accepted and rejected (each with a reason).</summary>
public sealed record ImportOutcome(string Status, int Accepted, int Rejected);
