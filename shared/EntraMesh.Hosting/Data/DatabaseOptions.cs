using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Hosting.Data;

/// <summary>The service's PostgreSQL database: <c>ConnectionStrings:postgres</c> plus the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "postgres";

    /// <summary>Bound from <c>ConnectionStrings:postgres</c>; may carry the password, so it is never logged.</summary>
    [Required(ErrorMessage = "ConnectionStrings:postgres is required: the PostgreSQL connection string of this service.")]
    public string? ConnectionString { get; set; }

    /// <summary>Overrides the connection string's user (e.g. from a Kubernetes Secret key).</summary>
    public string? Username { get; set; }

    /// <summary>Overrides the connection string's password (e.g. from a Kubernetes Secret key); never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The schema this service owns; no other service reads it.</summary>
    [Required(ErrorMessage = "Database:Schema is required.")]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Database:Schema must be a lower-case PostgreSQL identifier.")]
    public string Schema { get; set; } = "";

    /// <summary>Apply the embedded migrations at start-up (under a lock, so replicas may start together).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>How long the readiness check waits for PostgreSQL.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Database:HealthCheckTimeout must be between 100 ms and 1 minute.")]
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
