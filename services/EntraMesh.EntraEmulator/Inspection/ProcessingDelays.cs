namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>Processing and log delays (<c>GET/PUT /_emulator/processing</c>); each drawn between the value and its Max.</summary>
public sealed record ProcessingDelays(TimeSpan ProcessingDelay, TimeSpan ProcessingDelayMax, TimeSpan LogDelay, TimeSpan LogDelayMax);
