namespace EntraMesh.EntraEmulator.Jobs;

/// <summary>One processed batch as a synchronizationTaskExecution: when, and how many users were imported, exported and escrowed (failed).</summary>
public sealed record JobExecution(string ActivityIdentifier, DateTimeOffset Began, DateTimeOffset Ended, int Imported, int Exported, int Escrowed, int Skipped);
