namespace EntraMesh.Testing.Chaos.Infrastructure;

/// <summary>The two servers of the private infrastructure.</summary>
public enum Component
{
    Postgres,
    RabbitMq,
}
