using EntraMesh.Dispatch.Configuration;
using EntraMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>
/// The real dispatch service (its Program, with real PostgreSQL and RabbitMQ) in the test process. Settings start
/// from <see cref="BaseSettings"/>: one target named <c>cloud</c>, sending and log polling off unless a test turns
/// them on. Several hosts on one <see cref="IsolatedInfrastructure"/> are several replicas.
/// </summary>
internal sealed class DispatchHost : IAsyncDisposable
{
    readonly WebApplicationFactory<DispatchOptions> factory;

    DispatchHost(WebApplicationFactory<DispatchOptions> factory) => this.factory = factory;

    public IServiceProvider Services => factory.Services;

    public T Get<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    public HttpClient CreateClient() => factory.CreateClient();

    public static Dictionary<string, string?> BaseSettings(IsolatedInfrastructure infrastructure) => new()
    {
        ["ConnectionStrings:postgres"] = infrastructure.PostgresConnectionString,
        ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
        ["Messaging:WaitUntilStarted"] = "true",
        ["Messaging:RetryIntervals:0"] = "00:00:00.050",
        ["Messaging:RetryIntervals:1"] = "00:00:00.200",
        ["Dispatch:SendingEnabled"] = "false",
        ["Dispatch:LogPolling:Enabled"] = "false",
        ["Dispatch:StatusRefreshInterval"] = "00:00:00.200",
        // Tests that are not about routine batching send movers and updates as soon as joiners (production: 10 s / 1 min).
        ["Dispatch:RoutineBatchWindow"] = "00:00:00.250",
        ["Dispatch:RoutineBatchMaxDelay"] = "00:00:02",
        ["Dispatch:Targets:0:Name"] = "cloud",
        ["Dispatch:Targets:0:TenantId"] = "contoso-test",
        ["Dispatch:Targets:0:ClientId"] = "00000000-0000-0000-0000-00000000c11e",
        // A value made up for tests only; real secrets come from the environment or mounted files.
        ["Dispatch:Targets:0:ClientSecret"] = "test-only-not-a-secret",
        ["Dispatch:Targets:0:ServicePrincipalId"] = "00000000-0000-0000-0000-0000000005e1",
        ["Dispatch:Targets:0:JobId"] = "API2AAD.0123456789abcdef0123456789abcdef.00000000-0000-0000-0000-000000000001",
        ["Dispatch:Targets:0:Authority"] = "https://127.0.0.1:9",
        ["Dispatch:Targets:0:GraphBaseUrl"] = "https://127.0.0.1:9/v1.0",
    };

    /// <summary>The cloud target at five calls a minute, the last of them kept for leavers: a rate window a test can fill.</summary>
    public static void FiveCallsAMinuteOneForLeavers(Dictionary<string, string?> settings)
    {
        settings["Dispatch:Targets:0:CallsPerWindow"] = "5";
        settings["Dispatch:Targets:0:RateWindow"] = "00:01:00";
        settings["Dispatch:Targets:0:WindowLeaverReserve"] = "1";
    }

    public static DispatchHost Start(IsolatedInfrastructure infrastructure, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = BaseSettings(infrastructure);
        configure?.Invoke(settings);
        return Start(settings);
    }

    public static DispatchHost Start(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new WebApplicationFactory<DispatchOptions>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            foreach (var (key, value) in settings) web.UseSetting(key, value);
            web.ConfigureLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Warning);
                if (Environment.GetEnvironmentVariable("ENTRAMESH_TEST_LOG") is { Length: > 0 } log)
                {
                    logging.SetMinimumLevel(LogLevel.Debug);
                    logging.AddProvider(new FileLoggerProvider(log));
                }
            });
        });
        try
        {
            _ = factory.Services; // starts the host: migrations, bus, hosted services
            return new DispatchHost(factory);
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();
}
