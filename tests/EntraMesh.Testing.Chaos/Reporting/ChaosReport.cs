using EntraMesh.Testing.Chaos.Disruption;
using EntraMesh.Testing.Chaos.Load;
using EntraMesh.Testing.Chaos.Observation;
using EntraMesh.Testing.Chaos.Verification;

namespace EntraMesh.Testing.Chaos.Reporting;

/// <summary>Everything a chaos run counted and found. <see cref="Findings"/> is empty when the run proved what it set out to.</summary>
public sealed record ChaosReport
{
    public required ChaosOptions Options { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required int Workers { get; init; }
    public required LoadCounters Load { get; init; }
    public required DeliveryCheck.Result Delivery { get; init; }
    public required IReadOnlyList<DisruptionRecord> Disruptions { get; init; }
    public required EmulatorTotals Emulator { get; init; }
    public required Quiescence.Result Quiescence { get; init; }

    /// <summary>Workers the operator replayed after the run (their report reached Entra before their manager did), and the second wait.</summary>
    public required int Replayed { get; init; }

    public Quiescence.Result? AfterReplay { get; init; }
    public required int Samples { get; init; }
    public required int SamplesMissed { get; init; }
    public required DirectoryCheck.Result Directory { get; init; }
    public required ProvisioningLogCheck.Result Logs { get; init; }
    public required ReconciliationCheck.Result Reconciliation { get; init; }

    /// <summary>Messages left in the <c>_error</c> queues (poison messages: nothing lost, but an operator must act).</summary>
    public required IReadOnlyDictionary<string, int> ErrorQueues { get; init; }

    /// <summary>What went wrong, by check: an empty list per check means it held.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Findings { get; init; }

    /// <summary>The last lines of each service's log, when something was found.</summary>
    public string? ServiceLogs { get; init; }

    public bool Passed => Findings.Values.All(list => list.Count == 0);
}
