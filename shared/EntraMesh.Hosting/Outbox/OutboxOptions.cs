using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Hosting.Outbox;

/// <summary>The <c>Outbox</c> section: how the relay publishes committed messages and how long the inbox remembers.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Run the relay in this process. Turn off only where another process relays for the same schema.</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>A commit wakes the relay at once; this is the fallback tick for rows left by a crashed process.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "Outbox:PollInterval must be between 50 ms and 10 minutes.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Rows taken (and published concurrently) per relay round.</summary>
    [Range(1, 10_000, ErrorMessage = "Outbox:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 250;

    /// <summary>
    /// Most events one message carries when a transaction publishes several events of a batched type (see
    /// <c>EventBatch</c>): larger batches cost the broker less per event and a consumer more per redelivery.
    /// </summary>
    [Range(1, 1_000, ErrorMessage = "Outbox:MaxEventsPerMessage must be between 1 and 1000.")]
    public int MaxEventsPerMessage { get; set; } = 100;

    /// <summary>How long one round may wait for RabbitMQ's confirms before the rows are tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Outbox:PublishTimeout must be between 1 second and 10 minutes.")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long consumed message ids are kept; redeliveries older than this would be applied again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Outbox:InboxRetention must be between 1 minute and 365 days.")]
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);
}
