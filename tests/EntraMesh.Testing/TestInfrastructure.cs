using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace EntraMesh.Testing;

/// <summary>
/// The RabbitMQ and PostgreSQL servers the tests of this process share. Taken from
/// <c>ENTRAMESH_TEST_POSTGRES</c>, <c>ENTRAMESH_TEST_RABBITMQ</c> and <c>ENTRAMESH_TEST_RABBITMQ_MANAGEMENT</c> when set
/// (<c>eng/infra.sh up</c> prints them, <c>eng/test.sh</c> sets them); otherwise started with Testcontainers when a
/// Docker engine answers; otherwise the tests fail with a message that says how to start them. Tests never share
/// state through these servers: each test class takes its own database and virtual host (<see cref="IsolatedInfrastructure"/>).
/// </summary>
public sealed class TestInfrastructure
{
    public const string PostgresVariable = "ENTRAMESH_TEST_POSTGRES";
    public const string RabbitMqVariable = "ENTRAMESH_TEST_RABBITMQ";
    public const string RabbitMqManagementVariable = "ENTRAMESH_TEST_RABBITMQ_MANAGEMENT";

    // Pinned images for machines with a Docker engine; the same versions as docker-compose.yml.
    const string PostgresImage = "postgres:15.10-alpine";
    const string RabbitMqImage = "rabbitmq:3.13.7-management-alpine";

    static readonly Lazy<Task<TestInfrastructure>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    TestInfrastructure(string postgres, Uri rabbitMq, Uri rabbitMqManagement)
    {
        PostgresAdminConnectionString = postgres;
        RabbitMqUri = rabbitMq;
        Management = new RabbitMqManagement(rabbitMqManagement);
    }

    /// <summary>A connection string with rights to create and drop databases.</summary>
    public string PostgresAdminConnectionString { get; }

    /// <summary>amqp:// URI of the broker's default virtual host.</summary>
    public Uri RabbitMqUri { get; }

    public RabbitMqManagement Management { get; }

    public static Task<TestInfrastructure> GetAsync() => Shared.Value;

    static async Task<TestInfrastructure> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        var rabbitMq = Environment.GetEnvironmentVariable(RabbitMqVariable);
        var management = Environment.GetEnvironmentVariable(RabbitMqManagementVariable);
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(rabbitMq) && !string.IsNullOrEmpty(management))
        {
            return new TestInfrastructure(postgres, new Uri(rabbitMq), new Uri(management));
        }

        try
        {
            var postgresContainer = new PostgreSqlBuilder(PostgresImage).WithCommand("-c", "fsync=off", "-c", "max_connections=400").Build();
            var rabbitContainer = new RabbitMqBuilder(RabbitMqImage).WithPortBinding(15672, true).Build();
            await Task.WhenAll(postgresContainer.StartAsync(), rabbitContainer.StartAsync());
            var managementUri = new UriBuilder("http", rabbitContainer.Hostname, rabbitContainer.GetMappedPublicPort(15672))
            {
                UserName = RabbitMqBuilder.DefaultUsername,
                Password = RabbitMqBuilder.DefaultPassword,
            }.Uri;
            return new TestInfrastructure(postgresContainer.GetConnectionString(), new Uri(rabbitContainer.GetConnectionString()), managementUri);
        }
        catch (Exception exception) when (exception is DockerUnavailableException || exception.InnerException is DockerUnavailableException)
        {
            throw new InvalidOperationException(
                $"Tests need RabbitMQ and PostgreSQL. Set {PostgresVariable}, {RabbitMqVariable} and {RabbitMqManagementVariable}: " +
                "run `eng/infra.sh up && eval \"$(eng/infra.sh env)\"` (or `eng/test.sh`, which does both), or start a Docker engine " +
                "so that Testcontainers can start them.", exception);
        }
    }
}
