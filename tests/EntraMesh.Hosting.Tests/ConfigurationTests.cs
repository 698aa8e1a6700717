using EntraMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task Credentials_from_separate_settings_override_those_in_the_connection_strings()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        // Wrong users in both connection strings: only the separate settings (as a Kubernetes Secret would set them) work.
        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString) { Username = "nobody" }.ConnectionString;
        var rabbit = new UriBuilder(infrastructure.RabbitMqUri) { UserName = "nobody", Password = "wrong" }.Uri;
        var broker = new Uri(infrastructure.Infrastructure.RabbitMqUri.ToString());
        var user = Uri.UnescapeDataString(broker.UserInfo).Split(':');

        await using var service = await ProbeService.StartAsync(postgres, rabbit, settings: new Dictionary<string, string?>
        {
            ["Database:Username"] = new Npgsql.NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString).Username,
            ["Messaging:Username"] = user[0],
            ["Messaging:Password"] = user[1],
        });

        using var client = service.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Services_do_not_report_usage_to_MassTransit()
    {
        await using var app = ProbeService.Build("Host=127.0.0.1;Port=1;Username=x", AnyBroker);
        Assert.False(app.Services.GetRequiredService<IOptions<MassTransit.UsageTelemetryOptions>>().Value.Enabled);
    }

    /// <summary>What Program.cs does: build (which maps the endpoints) and start. Either step may refuse.</summary>
    static async Task BuildAndStartAsync(string? postgres, IDictionary<string, string?>? settings = null)
    {
        await using var app = ProbeService.Build(postgres, AnyBroker, settings: settings);
        await app.StartAsync();
    }
}
