using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing.Chaos.Verification;
using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Testing.Chaos.Observation;

/// <summary>
/// Samples, during the whole run, every worker's state and revision in each target (reconciliation, through the gateway)
/// and the record each user's values in the emulator's directory came from, and hands them to the
/// <see cref="MonotonicityTracker"/>. A sample that cannot be taken (the gateway, reconciliation or the emulator is down
/// right then) is counted and skipped.
/// </summary>
public sealed class StateSampler(ReconciliationReader reconciliation, EmulatorInspectionClient emulator, MonotonicityTracker tracker, TimeSpan interval)
{
    public int Samples { get; private set; }
    public int Missed { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken);
                await SampleAsync(cancellationToken);
                Samples++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or InvalidOperationException or IOException)
            {
                Missed++;
            }
        }
    }

    async Task SampleAsync(CancellationToken cancellationToken)
    {
        foreach (var target in new[] { EmulatorTenant.OnPremisesTarget, EmulatorTenant.CloudTarget })
        {
            var at = DateTimeOffset.UtcNow;
            foreach (var row in await reconciliation.ListAsync(target, cancellationToken))
            {
                tracker.ObserveLane(row.WorkerId, target, row.Revision, row.State, row.SkipReason, at);
            }
        }

        var sampled = DateTimeOffset.UtcNow;
        foreach (var row in await reconciliation.ListAsync(null, cancellationToken)) tracker.ObserveWorker(row.WorkerId, row.Revision, sampled);

        var now = DateTimeOffset.UtcNow;
        foreach (var user in await emulator.GetUsersAsync(cancellationToken))
        {
            if (Marker.Parse(DirectoryValues.Phone(user)) is { } sequence) tracker.ObserveValues(user.EmployeeId, DirectoryValues.TargetOf(user), sequence, now);
        }
    }
}
