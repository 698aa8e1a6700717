using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Mapping.Planning;

/// <summary>The <c>Planning</c> section: how many accepted records one planning transaction takes.</summary>
public sealed class PlanningOptions
{
    public const string Section = "Planning";

    /// <summary>Most records planned in one transaction (one MassTransit batch).</summary>
    [Range(1, 1_000, ErrorMessage = "Planning:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a batch waits for more records before it is planned (the latency a lone record sees at most).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10", ErrorMessage = "Planning:BatchTimeLimit must be between 1 ms and 10 seconds.")]
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Batches planned at the same time by one replica (each in its own transaction).</summary>
    [Range(1, 64, ErrorMessage = "Planning:ConcurrentBatches must be between 1 and 64.")]
    public int ConcurrentBatches { get; set; } = 4;
}
