using EntraMesh.EntraEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace EntraMesh.EntraEmulator.Processing;

/// <summary>The settings that the inspection API may change while the emulator runs: limits and processing/log delays.</summary>
public sealed class RuntimeSettings(IOptions<EmulatorOptions> options)
{
    volatile LimitsOptions limits = options.Value.Limits.Clone();
    volatile Delays delays = new(options.Value.Processing.EffectiveProcessingDelay, options.Value.Processing.EffectiveLogDelay);

    public LimitsOptions Limits => limits;

    public DelayRange ProcessingDelay => delays.Processing;

    public DelayRange LogDelay => delays.Log;

    public void SetLimits(LimitsOptions value) => limits = value.Clone();

    public void SetDelays(DelayRange processing, DelayRange log) => delays = new Delays(processing, log);

    /// <summary>Back to the configured values.</summary>
    public void Reset()
    {
        limits = options.Value.Limits.Clone();
        delays = new Delays(options.Value.Processing.EffectiveProcessingDelay, options.Value.Processing.EffectiveLogDelay);
    }

    sealed record Delays(DelayRange Processing, DelayRange Log);
}
