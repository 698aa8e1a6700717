using EntraMesh.Mapping.Tests.Samples;
using EntraMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Mapping.Tests.Api;

/// <summary>The mapping service in a test server, on its own PostgreSQL database and RabbitMQ virtual host, running the sample rule set.</summary>
public sealed class MappingServiceFixture : IsolatedInfrastructure
{
    WebApplicationFactory<Program>? factory;

    public WebApplicationFactory<Program> Factory => factory ?? throw new InvalidOperationException("Not started.");

    public HttpClient CreateClient() => Factory.CreateClient();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        factory = Create(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = PostgresConnectionString,
            ["ConnectionStrings:rabbitmq"] = RabbitMqUri.ToString(),
            ["Rules:Path"] = SampleFiles.RuleSetPath,
            ["Rules:MaxRequestBytes"] = "65536",
        });
        _ = factory.Server;
    }

    /// <summary>A mapping service with these settings over the defaults (tests that it refuses to start use it directly).</summary>
    public static WebApplicationFactory<Program> Create(IDictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Messaging:WaitUntilStarted"] = "true",
            ["Outbox:PollInterval"] = "00:01:00",
        };
        foreach (var (key, value) in settings) configuration[key] = value;
        return new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(configuration));
            host.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await base.DisposeAsync();
    }
}
