using EntraMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Ingest.Tests;

/// <summary>
/// Ingest in-process (WebApplicationFactory) against the test's own PostgreSQL database and RabbitMQ virtual host, with
/// the default sources of appsettings.json and test secrets supplied as configuration (as the environment would).
/// </summary>
public sealed class IngestFactory(IsolatedInfrastructure infrastructure, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string WebhookSecret = "test-secret-current";
    public const string PreviousWebhookSecret = "test-secret-previous";
    public const string BambooHrKey = "bamboohr-private-key";

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "entramesh-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        foreach (var (key, value) in Settings(infrastructure, StateDirectory)) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }

    /// <summary>The configuration every test ingest gets (also used for ingest started as a child process).</summary>
    public static Dictionary<string, string?> Settings(IsolatedInfrastructure infrastructure, string stateDirectory) => new()
    {
        ["ConnectionStrings:postgres"] = infrastructure.PostgresConnectionString,
        ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
        ["Messaging:WaitUntilStarted"] = "true",
        ["Ingest:StateDirectory"] = stateDirectory,
        ["Sources:1:Secrets:0"] = WebhookSecret,
        ["Sources:1:Secrets:1"] = PreviousWebhookSecret,
        ["Sources:2:Secrets:0"] = BambooHrKey,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(StateDirectory)) Directory.Delete(StateDirectory, recursive: true);
    }
}
