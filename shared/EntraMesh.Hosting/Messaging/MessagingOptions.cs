using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Hosting.Messaging;

/// <summary>RabbitMQ: <c>ConnectionStrings:rabbitmq</c> (an amqp:// or amqps:// URI) plus the <c>Messaging</c> section.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";
    public const string ConnectionStringName = "rabbitmq";

    /// <summary>amqp://user:password@host:port/vhost; carries the password, so it is never logged.</summary>
    [Required(ErrorMessage = "ConnectionStrings:rabbitmq is required: the RabbitMQ URI (amqp://user:password@host:5672/vhost).")]
    public string? ConnectionString { get; set; }

    /// <summary>Overrides the URI's user (e.g. from a Kubernetes Secret key).</summary>
    public string? Username { get; set; }

    /// <summary>Overrides the URI's password (e.g. from a Kubernetes Secret key), so it needs no URL-encoding; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Declare receive queues as quorum queues (production clusters). A queue's type cannot change once declared.</summary>
    public bool QuorumQueues { get; set; }

    [Range(1, 10_000, ErrorMessage = "Messaging:PrefetchCount must be between 1 and 10000.")]
    public int PrefetchCount { get; set; } = 64;

    /// <summary>
    /// In-memory retry intervals for transient faults; after the last one the message goes to the <c>_error</c> queue.
    /// Unset means <see cref="DefaultRetryIntervals"/> (a default array here would have configured items appended to it).
    /// </summary>
    public TimeSpan[]? RetryIntervals { get; set; }

    public static readonly TimeSpan[] DefaultRetryIntervals = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    public TimeSpan[] EffectiveRetryIntervals => RetryIntervals ?? DefaultRetryIntervals;

    /// <summary>
    /// How long a message that meets an outage (PostgreSQL unreachable or not accepting connections yet, a refused or reset
    /// socket, a timeout) keeps being retried in memory, backing off from 1 s to 15 s, before it goes to the <c>_error</c>
    /// queue. Zero turns it off (then the short <see cref="RetryIntervals"/> alone apply).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Messaging:OutageRetryWindow must be between 00:00:00 and 01:00:00.")]
    public TimeSpan OutageRetryWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Hold start-up until the bus is connected (tests); services start without waiting and report readiness instead.</summary>
    public bool WaitUntilStarted { get; set; }
}
