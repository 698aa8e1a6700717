using Xunit;
using Npgsql;

namespace EntraMesh.Testing;

/// <summary>
/// A database and a RabbitMQ virtual host of its own for one test class (use as <c>IClassFixture</c>), so test
/// classes run in parallel without seeing each other's rows or messages. Both are dropped afterwards.
/// </summary>
public class IsolatedInfrastructure : IAsyncLifetime
{
    TestInfrastructure? infrastructure;

    public string DatabaseName { get; } = $"test_{Guid.NewGuid():N}";
    public string VirtualHost { get; } = $"test-{Guid.NewGuid():N}";

    public TestInfrastructure Infrastructure => infrastructure ?? throw new InvalidOperationException("Not initialised yet.");

    /// <summary>Connection string to this class's own database.</summary>
    public string PostgresConnectionString => new NpgsqlConnectionStringBuilder(Infrastructure.PostgresAdminConnectionString)
    {
        Database = DatabaseName,
        Pooling = true,
        MaxPoolSize = 50,
    }.ConnectionString;

    /// <summary>amqp:// URI of this class's own virtual host.</summary>
    public Uri RabbitMqUri => new UriBuilder(Infrastructure.RabbitMqUri) { Path = "/" + Uri.EscapeDataString(VirtualHost) }.Uri;

    public RabbitMqManagement Management => Infrastructure.Management;

    /// <summary>A fresh database and virtual host for one test (dispose it at the end of the test).</summary>
    public static async Task<IsolatedInfrastructure> CreateAsync()
    {
        var isolated = new IsolatedInfrastructure();
        await isolated.InitializeAsync();
        return isolated;
    }

    /// <summary>Waits until no queue of this virtual host holds a message (ready or unacknowledged), except error queues.</summary>
    public Task WaitForQueuesToDrainAsync(TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(
            async () => (await Management.GetQueuesAsync(VirtualHost)).Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal)).Sum(q => q.Messages ?? 0),
            pending => pending == 0,
            timeout,
            "queues still hold messages");

    public virtual async ValueTask InitializeAsync()
    {
        infrastructure = await TestInfrastructure.GetAsync();
        await using (var connection = new NpgsqlConnection(infrastructure.PostgresAdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        await infrastructure.Management.CreateVirtualHostAsync(VirtualHost);
    }

    /// <summary>Opens a connection to this class's database (tests read rows with it to assert outcomes).</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(string? searchPath = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = searchPath };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T> ScalarAsync<T>(string sql, string? searchPath = null)
    {
        await using var connection = await OpenConnectionAsync(searchPath);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (infrastructure is null) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(infrastructure.PostgresAdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await infrastructure.Management.DeleteVirtualHostAsync(VirtualHost);
        }
    }
}
