using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Gateway.RateLimiting;

/// <summary><c>Gateway:RateLimits</c>: fixed windows per webhook source and per operator client.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    public WindowLimit Webhooks { get; set; } = new() { PermitLimit = 200 };
    public WindowLimit Operators { get; set; } = new() { PermitLimit = 50 };

    public sealed class WindowLimit
    {
        /// <summary>Requests allowed per window and partition (a source for webhooks, a principal or address for operators).</summary>
        [Range(1, 1_000_000, ErrorMessage = "Gateway:RateLimits:*:PermitLimit must be between 1 and 1000000.")]
        public int PermitLimit { get; set; } = 100;

        [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Gateway:RateLimits:*:Window must be between 10 ms and 1 hour.")]
        public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
    }
}
