using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.Testing.Chaos.Observation;

/// <summary>
/// Sorts same-revision restarts into those a replay explains (the worker's timeline records <c>ReplayRequested</c> between
/// the two samples: a new attempt of the revision began) and the others, which went backwards.
/// </summary>
public static class ReplayedRestarts
{
    static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    public static async Task<(int Explained, IReadOnlyList<string> Backwards)> SortAsync(
        GatewayClient gateway, IReadOnlyList<LaneRestart> restarts, CancellationToken cancellationToken)
    {
        var backwards = new List<string>();
        var explained = 0;
        foreach (var worker in restarts.GroupBy(restart => restart.Worker))
        {
            var detail = await gateway.GetWorkerAsync(MeshLauncher.SampleSource, worker.Key, cancellationToken);
            var replays = (detail?["timeline"]?.AsArray() ?? [])
                .Where(entry => (string?)entry?["event"] == "ReplayRequested")
                .Select(entry => DateTimeOffset.Parse((string)entry!["at"]!, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            foreach (var restart in worker)
            {
                if (replays.Any(at => at >= restart.From - Slack && at <= restart.To + Slack)) explained++;
                else backwards.Add(restart.Text);
            }
        }

        return (explained, backwards);
    }
}
