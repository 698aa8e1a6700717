using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Mapping.Holding;

/// <summary>The <c>Holding</c> section: how the releaser of held (future-dated) changes looks for due ones.</summary>
public sealed class HoldingOptions
{
    public const string Section = "Holding";

    /// <summary>
    /// Longest time between two looks at the held changes. The releaser also wakes at the earliest due time it saw, and at
    /// once when this process holds a change due sooner; so this bounds only how late a change held by another replica
    /// since the last look can be released.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Holding:PollInterval must be between 50 ms and 1 hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Held changes released per transaction.</summary>
    [Range(1, 1_000, ErrorMessage = "Holding:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 100;
}
