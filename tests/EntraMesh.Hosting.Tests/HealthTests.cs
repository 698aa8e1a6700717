using System.Net;
using EntraMesh.Testing;
using Npgsql;

namespace EntraMesh.Hosting.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_turns_unhealthy_when_PostgreSQL_is_unreachable_and_healthy_again_when_it_returns()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        proxy.Start();
        var throughProxy = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 2 };

        await using var service = await ProbeService.StartAsync(throughProxy.ConnectionString, infrastructure.RabbitMqUri);
        using var client = service.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        proxy.Stop();
        await Eventually.WaitForAsync(async () => (await client.GetAsync("/health/ready")).StatusCode, status => status == HttpStatusCode.ServiceUnavailable);
        // Liveness does not depend on PostgreSQL: the process is fine, it just must not take traffic.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        proxy.Start();
        await Eventually.WaitForAsync(async () => (await client.GetAsync("/health/ready")).StatusCode, status => status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_reports_postgres_and_the_bus_and_metrics_are_scrapable()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var service = await ProbeService.StartAsync(infrastructure);
        using var client = service.CreateClient();

        var ready = await client.GetStringAsync("/health/ready");
        Assert.Contains("\"postgres\"", ready);
        Assert.Contains("masstransit", ready, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"status\":\"Healthy\"", ready);

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("# TYPE", metrics);
    }
}
