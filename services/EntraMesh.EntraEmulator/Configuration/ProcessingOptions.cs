namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>
/// How long an accepted operation waits before it is processed, and how long its log entry stays invisible afterwards.
/// A delay is drawn uniformly between the value and its <c>...Max</c>; unset values come from the <see cref="Profile"/>.
/// </summary>
public sealed class ProcessingOptions
{
    public ProcessingProfile Profile { get; set; } = ProcessingProfile.Fast;

    public TimeSpan? ProcessingDelay { get; set; }

    public TimeSpan? ProcessingDelayMax { get; set; }

    public TimeSpan? LogDelay { get; set; }

    public TimeSpan? LogDelayMax { get; set; }

    public DelayRange EffectiveProcessingDelay => Profile == ProcessingProfile.Realistic
        ? DelayRange.From(ProcessingDelay, ProcessingDelayMax, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2))
        : DelayRange.From(ProcessingDelay, ProcessingDelayMax, TimeSpan.Zero, TimeSpan.Zero);

    public DelayRange EffectiveLogDelay => Profile == ProcessingProfile.Realistic
        ? DelayRange.From(LogDelay, LogDelayMax, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10))
        : DelayRange.From(LogDelay, LogDelayMax, TimeSpan.Zero, TimeSpan.Zero);
}
