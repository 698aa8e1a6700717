using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Dispatch.Configuration;

/// <summary>
/// <c>Dispatch:LogPolling</c>: how the provisioning logs are read. Entra shows an entry 5-10 minutes after it processed
/// the operation, so the stored watermark never moves past <c>now - SettleTime</c> and every poll reads again from
/// <c>watermark - Overlap</c>; entries already seen are recognised by their log id.
/// </summary>
public sealed class LogPollingOptions
{
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Dispatch:LogPolling:PollInterval must be between 50 ms and 1 hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far behind the watermark a poll may start reading again, at most (it starts later when nothing older is awaited).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Dispatch:LogPolling:Overlap must be between 0 and 1 day.")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How late Entra may show an entry; the watermark stays at least this far behind the poll time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Dispatch:LogPolling:SettleTime must be between 0 and 1 day.")]
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Where the first poll of a job starts (no watermark stored yet).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Dispatch:LogPolling:LookBack must be between 1 second and 30 days.")]
    public TimeSpan LookBack { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tolerated difference between Entra's clock and ours when matching an entry to the call that carried it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Dispatch:LogPolling:ClockSkew must be between 0 and 10 minutes.")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>$top</c> of each page.</summary>
    [Range(1, 1000, ErrorMessage = "Dispatch:LogPolling:PageSize must be between 1 and 1000.")]
    public int PageSize { get; set; } = 500;
}
