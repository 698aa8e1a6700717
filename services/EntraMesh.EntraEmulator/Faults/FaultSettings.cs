namespace EntraMesh.EntraEmulator.Faults;

/// <summary>
/// Injected faults. Shares are fractions between 0 and 1 of the calls to the selected <see cref="Endpoints"/>; one draw per
/// call picks at most one fault, so the shares may add up to at most 1. Changeable at run time (<c>PUT /_emulator/faults</c>).
/// </summary>
public sealed class FaultSettings
{
    /// <summary>Share answered 429 with <see cref="RetryAfter"/> (on top of the real rate limits).</summary>
    public double TooManyRequestsShare { get; set; }

    /// <summary>Share answered 500.</summary>
    public double InternalServerErrorShare { get; set; }

    /// <summary>Share answered 503 with <see cref="RetryAfter"/>.</summary>
    public double ServiceUnavailableShare { get; set; }

    /// <summary>Share whose connection is dropped before anything is processed.</summary>
    public double DroppedConnectionShare { get; set; }

    /// <summary>Share processed normally (a bulkUpload is accepted) and then dropped before the answer: the client cannot know it succeeded.</summary>
    public double DropAfterProcessingShare { get; set; }

    /// <summary>Share that hangs for <see cref="TimeoutAfter"/> and then answers 504.</summary>
    public double TimeoutShare { get; set; }

    /// <summary>Latency added to every selected call (before anything else).</summary>
    public TimeSpan AddedLatency { get; set; }

    /// <summary>Extra random latency between 0 and this, on top of <see cref="AddedLatency"/>.</summary>
    public TimeSpan AddedLatencyJitter { get; set; }

    /// <summary>How long a timed-out call hangs (HttpClient's default timeout is 100 s).</summary>
    public TimeSpan TimeoutAfter { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retry-After of injected 429 and 503 answers.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Endpoints the faults apply to; empty: all of them (never <c>/_emulator/</c> or health).</summary>
    public List<EmulatorEndpoint> Endpoints { get; set; } = [];

    /// <summary>Stop after this many injected faults (latency does not count); null: no limit.</summary>
    public int? MaxFaults { get; set; }

    public double TotalShare => TooManyRequestsShare + InternalServerErrorShare + ServiceUnavailableShare
        + DroppedConnectionShare + DropAfterProcessingShare + TimeoutShare;

    public bool Applies(EmulatorEndpoint endpoint) => Endpoints.Count == 0 || Endpoints.Contains(endpoint);

    public bool IsQuiet => TotalShare <= 0 && AddedLatency <= TimeSpan.Zero && AddedLatencyJitter <= TimeSpan.Zero;

    /// <summary>The first problem with these settings, naming the property, or null.</summary>
    public string? Validate(string prefix)
    {
        foreach (var (name, share) in new[]
                 {
                     (nameof(TooManyRequestsShare), TooManyRequestsShare), (nameof(InternalServerErrorShare), InternalServerErrorShare),
                     (nameof(ServiceUnavailableShare), ServiceUnavailableShare), (nameof(DroppedConnectionShare), DroppedConnectionShare),
                     (nameof(DropAfterProcessingShare), DropAfterProcessingShare), (nameof(TimeoutShare), TimeoutShare),
                 })
        {
            if (double.IsNaN(share) || share < 0 || share > 1) return $"{prefix}{name} must be between 0 and 1 (a share of calls); it is {share}.";
        }

        if (TotalShare > 1.0000001) return $"{prefix}*Share values add up to {TotalShare:0.###}; at most 1 is possible.";
        if (AddedLatency < TimeSpan.Zero) return $"{prefix}{nameof(AddedLatency)} must not be negative.";
        if (AddedLatencyJitter < TimeSpan.Zero) return $"{prefix}{nameof(AddedLatencyJitter)} must not be negative.";
        if (TimeoutAfter < TimeSpan.Zero || TimeoutAfter > TimeSpan.FromHours(1)) return $"{prefix}{nameof(TimeoutAfter)} must be between 0 and 1 hour.";
        if (RetryAfter < TimeSpan.Zero || RetryAfter > TimeSpan.FromDays(1)) return $"{prefix}{nameof(RetryAfter)} must be between 0 and 1 day.";
        if (MaxFaults < 0) return $"{prefix}{nameof(MaxFaults)} must not be negative.";
        return null;
    }

    public FaultSettings Clone() => new()
    {
        TooManyRequestsShare = TooManyRequestsShare,
        InternalServerErrorShare = InternalServerErrorShare,
        ServiceUnavailableShare = ServiceUnavailableShare,
        DroppedConnectionShare = DroppedConnectionShare,
        DropAfterProcessingShare = DropAfterProcessingShare,
        TimeoutShare = TimeoutShare,
        AddedLatency = AddedLatency,
        AddedLatencyJitter = AddedLatencyJitter,
        TimeoutAfter = TimeoutAfter,
        RetryAfter = RetryAfter,
        Endpoints = [.. Endpoints],
        MaxFaults = MaxFaults,
    };
}
