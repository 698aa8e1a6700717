namespace EntraMesh.Bench.Infrastructure;

/// <summary>Where eng/infra.sh's PostgreSQL and RabbitMQ are (<c>eval "$(eng/infra.sh env)"</c>), with its defaults.</summary>
public sealed record InfrastructureSettings(string PostgresAdmin, Uri RabbitMq, Uri RabbitMqManagement)
{
    public static InfrastructureSettings FromEnvironment() => new(
        Environment.GetEnvironmentVariable("ENTRAMESH_TEST_POSTGRES") is { Length: > 0 } postgres
            ? postgres
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres",
        new Uri(Environment.GetEnvironmentVariable("ENTRAMESH_TEST_RABBITMQ") is { Length: > 0 } rabbit ? rabbit : "amqp://guest:guest@127.0.0.1:5672/"),
        new Uri(Environment.GetEnvironmentVariable("ENTRAMESH_TEST_RABBITMQ_MANAGEMENT") is { Length: > 0 } management
            ? management
            : "http://guest:guest@127.0.0.1:15672/"));

    /// <summary>The broker URI with a virtual host of its own.</summary>
    public Uri RabbitMqFor(string virtualHost) => new UriBuilder(RabbitMq) { Path = "/" + virtualHost }.Uri;
}
