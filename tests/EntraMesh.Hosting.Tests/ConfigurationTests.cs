using EntraMesh.Testing;
using Microsoft.Extensions.Options;

namespace EntraMesh.Hosting.Tests;

/// <summary>A service with a wrong setting refuses to start with a message that names the setting.</summary>
public sealed class ConfigurationTests
{
    static readonly Uri AnyBroker = new("amqp://guest:guest@127.0.0.1:1/");

    [Fact]
    public async Task Missing_PostgreSQL_connection_string_stops_the_service_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BuildAndStartAsync(postgres: null));
        Assert.Contains("ConnectionStrings:postgres", error.Message);
    }

    [Theory]
    [InlineData("Outbox:BatchSize", "0", "Outbox:BatchSize")]
    [InlineData("Outbox:PollInterval", "00:00:00", "Outbox:PollInterval")]
    [InlineData("Messaging:PrefetchCount", "-1", "Messaging:PrefetchCount")]
    [InlineData("Database:Schema", "Robert'); DROP TABLE", "Database:Schema")]
    [InlineData("ConnectionStrings:rabbitmq", "not a uri", "ConnectionStrings:rabbitmq")]
    public async Task Invalid_setting_stops_the_service_naming_the_setting(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => BuildAndStartAsync("Host=127.0.0.1;Port=1;Username=x", new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, error.Message);
    }

    /// <summary>What Program.cs does: build (which maps the endpoints) and start. Either step may refuse.</summary>
    static async Task BuildAndStartAsync(string? postgres, IDictionary<string, string?>? settings = null)
    {
        await using var app = ProbeService.Build(postgres, AnyBroker, settings: settings);
        await app.StartAsync();
    }
}
