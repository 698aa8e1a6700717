using System.Diagnostics;
using EntraMesh.EntraEmulator.Inspection;

namespace EntraMesh.Testing.Chaos.Observation;

/// <summary>
/// Waits until the mesh has finished everything the HR system got accepted: reconciliation knows every worker at the
/// revision of its last accepted record with nothing under way, no RabbitMQ queue (but the error queues) holds a message,
/// and the emulator has nothing staged, three polls in a row.
/// </summary>
public sealed class Quiescence(ReconciliationReader reconciliation, RabbitMqManagement broker, string virtualHost, EmulatorInspectionClient emulator)
{
    public sealed record Result(bool Reached, TimeSpan Elapsed, IReadOnlyList<string> Blockers);

    public async Task<Result> WaitAsync(IReadOnlyDictionary<string, long> expectedRevisions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var quietPolls = 0;
        IReadOnlyList<string> blockers = ["not polled yet"];
        while (clock.Elapsed < timeout)
        {
            try
            {
                blockers = await BlockersAsync(expectedRevisions, cancellationToken);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                blockers = [$"could not look: {error.Message}"];
            }

            quietPolls = blockers.Count == 0 ? quietPolls + 1 : 0;
            if (quietPolls == 3) return new Result(true, clock.Elapsed, []);
            await Task.Delay(1000, cancellationToken);
        }

        return new Result(false, clock.Elapsed, blockers);
    }

    async Task<IReadOnlyList<string>> BlockersAsync(IReadOnlyDictionary<string, long> expectedRevisions, CancellationToken cancellationToken)
    {
        var blockers = new List<string>();
        var rows = (await reconciliation.ListAsync(null, cancellationToken)).ToDictionary(row => row.WorkerId, StringComparer.Ordinal);
        var lagging = expectedRevisions
            .Where(pair => pair.Value > 0 && (!rows.TryGetValue(pair.Key, out var row) || row.Revision < pair.Value || Stages.InFlight(row.State)))
            .Select(pair => rows.TryGetValue(pair.Key, out var row) ? $"{row} (ingest accepted {pair.Value})" : $"{pair.Key}: unknown (ingest accepted {pair.Value})")
            .ToList();
        if (lagging.Count > 0) blockers.Add($"{lagging.Count} workers under way, e.g. {string.Join("; ", lagging.Take(5))}");

        var queues = (await broker.GetQueuesAsync(virtualHost))
            .Where(queue => !queue.Name.EndsWith("_error", StringComparison.Ordinal) && queue.Messages > 0)
            .Select(queue => $"{queue.Name} {queue.Messages}")
            .ToList();
        if (queues.Count > 0) blockers.Add("queues not empty: " + string.Join(", ", queues));

        var staged = (await emulator.GetCountersAsync(cancellationToken)).Operations.Pending;
        if (staged > 0) blockers.Add($"the emulator has {staged} operations staged");
        return blockers;
    }
}
