using EntraMesh.EntraEmulator.Faults;

namespace EntraMesh.Testing.Chaos.Disruption;

/// <summary>One strike of the chaos schedule: what is hit (a service name, or the storm's name) and, for storms, the faults.</summary>
public sealed record Disruption(DisruptionKind Kind, string Target, FaultSettings? Faults = null)
{
    public override string ToString() => Kind switch
    {
        DisruptionKind.KillService => $"kill -9 {Target}",
        DisruptionKind.EntraStorm => $"Entra storm: {Target}",
        _ => $"{Kind} {Target}",
    };
}
