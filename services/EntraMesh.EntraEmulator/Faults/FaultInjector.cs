using EntraMesh.EntraEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace EntraMesh.EntraEmulator.Faults;

/// <summary>The faults in effect (replaceable at run time) and the draw that picks one for a call.</summary>
public sealed class FaultInjector(IOptions<EmulatorOptions> options)
{
    volatile FaultSettings current = options.Value.Faults.Clone();
    int remaining = options.Value.Faults.MaxFaults ?? int.MaxValue;

    public FaultSettings Current => current;

    public void Set(FaultSettings settings)
    {
        var copy = settings.Clone();
        Interlocked.Exchange(ref remaining, copy.MaxFaults ?? int.MaxValue);
        current = copy;
    }

    public void Clear() => Set(new FaultSettings());

    /// <summary>The fault for one call, or null. Each injected fault counts against <see cref="FaultSettings.MaxFaults"/>.</summary>
    public FaultKind? Draw(FaultSettings settings)
    {
        var total = settings.TotalShare;
        if (total <= 0) return null;
        var draw = Random.Shared.NextDouble();
        if (draw >= total) return null;

        FaultKind? kind = null;
        var edge = 0.0;
        foreach (var (candidate, share) in new[]
                 {
                     (FaultKind.TooManyRequests, settings.TooManyRequestsShare), (FaultKind.InternalServerError, settings.InternalServerErrorShare),
                     (FaultKind.ServiceUnavailable, settings.ServiceUnavailableShare), (FaultKind.DroppedConnection, settings.DroppedConnectionShare),
                     (FaultKind.DropAfterProcessing, settings.DropAfterProcessingShare), (FaultKind.Timeout, settings.TimeoutShare),
                 })
        {
            edge += share;
            if (draw < edge)
            {
                kind = candidate;
                break;
            }
        }

        if (kind is null) return null;
        return Interlocked.Decrement(ref remaining) >= 0 ? kind : null;
    }

    /// <summary>Added latency for one call.</summary>
    public static TimeSpan Latency(FaultSettings settings) =>
        settings.AddedLatency + (settings.AddedLatencyJitter > TimeSpan.Zero ? settings.AddedLatencyJitter * Random.Shared.NextDouble() : TimeSpan.Zero);
}
