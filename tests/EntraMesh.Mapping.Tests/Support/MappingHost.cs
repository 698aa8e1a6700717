using EntraMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Mapping.Tests.Support;

/// <summary>
/// One mapping replica in-process (WebApplicationFactory) on a test's own PostgreSQL database and RabbitMQ virtual host,
/// running the rule set at <c>rulesPath</c>, optionally on a fake clock. Several hosts on one infrastructure are replicas.
/// </summary>
public sealed class MappingHost(
    IsolatedInfrastructure infrastructure, string rulesPath, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public static async Task<MappingHost> StartAsync(
        IsolatedInfrastructure infrastructure, string rulesPath, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var host = new MappingHost(infrastructure, rulesPath, time, settings);
        await Task.Run(() => host.Server);
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = infrastructure.PostgresConnectionString,
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
            ["Messaging:WaitUntilStarted"] = "true",
            ["Messaging:RetryIntervals:0"] = "00:00:00.050",
            ["Messaging:RetryIntervals:1"] = "00:00:00.200",
            ["Outbox:PollInterval"] = "00:00:01",
            ["Rules:Path"] = rulesPath,
            ["Rules:ReloadInterval"] = "00:00:00",
            ["Planning:BatchTimeLimit"] = "00:00:00.020",
            ["Holding:PollInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        foreach (var (key, value) in configuration) builder.UseSetting(key, value);
        if (time is not null) builder.ConfigureTestServices(services => services.AddSingleton(time));
    }
}
