using System.Collections.Concurrent;

namespace EntraMesh.Dispatch.Batching;

/// <summary>Per target: <see cref="Arrived"/> when a change was stored in this process, <see cref="Finished"/> when a call completed.</summary>
public sealed class PendingSignals
{
    readonly ConcurrentDictionary<string, WakeSignal> arrived = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, WakeSignal> finished = new(StringComparer.OrdinalIgnoreCase);

    public WakeSignal Arrived(string target) => arrived.GetOrAdd(target, _ => new WakeSignal());

    public WakeSignal Finished(string target) => finished.GetOrAdd(target, _ => new WakeSignal());
}
