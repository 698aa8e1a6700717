using System.Diagnostics;
using EntraMesh.Bench.Infrastructure;

namespace EntraMesh.Bench.Measures;

/// <summary>Waits until the mesh is quiet: reconciliation shows nothing under way and every queue of its virtual host is empty.</summary>
public static class Quiescence
{
    public static async Task<IReadOnlyDictionary<string, long>> WaitAsync(BenchMesh mesh, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var quietSince = TimeSpan.MaxValue;
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var counts = await Reconciliation.CountsAsync(mesh.Gateway, cancellationToken);
            var messages = await mesh.MessagesInQueuesAsync(cancellationToken);
            var quiet = Reconciliation.Settled(counts) && messages == 0;
            if (!quiet) quietSince = TimeSpan.MaxValue;
            else if (quietSince == TimeSpan.MaxValue) quietSince = clock.Elapsed;
            if (quiet && clock.Elapsed - quietSince >= TimeSpan.FromSeconds(2)) return counts;

            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(15))
            {
                BenchContext.Say($"waiting for the mesh to settle ({clock.Elapsed.TotalSeconds:0} s): {Reconciliation.Describe(counts)}; {messages:N0} messages in queues");
                lastReport = clock.Elapsed;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The mesh did not settle within {timeout.TotalMinutes:0.#} min: {Reconciliation.Describe(counts)}; {messages:N0} messages in queues.");
            }

            await Task.Delay(500, cancellationToken);
        }
    }
}
