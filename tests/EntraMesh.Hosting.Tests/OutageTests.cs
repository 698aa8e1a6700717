using System.Net.Sockets;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EntraMesh.Hosting.Tests;

/// <summary>
/// A consumer's database going away for longer than the short retries (PostgreSQL restarting or failing over) delays its
/// messages; it does not turn them into poison in the <c>_error</c> queue (found by the chaos run, which kills PostgreSQL).
/// </summary>
public sealed class OutageTests
{
    [Fact]
    public async Task A_message_consumed_while_PostgreSQL_is_unreachable_waits_for_it_instead_of_going_to_the_error_queue()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        proxy.Start();
        var throughProxy = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 2 };
        await using var service = await ProbeService.StartAsync(throughProxy.ConnectionString, infrastructure.RabbitMqUri);
        var bus = service.Services.GetRequiredService<IBus>();

        proxy.Stop();
        await bus.Publish(Samples.Accepted("outage-1"));
        // Far longer than the probe's short retries (two of 10 ms): without the outage retry the message is in _error by now.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(0, await infrastructure.Management.GetQueueDepthAsync(infrastructure.VirtualHost, "recording_error") ?? 0);
        proxy.Start();

        await Eventually.WaitForAsync(
            () => infrastructure.ScalarAsync<long>("SELECT count(*) FROM probe.effect WHERE worker_id = 'outage-1'"), count => count == 1,
            TimeSpan.FromSeconds(30), because: "the message should be consumed once PostgreSQL is back");
        Assert.Equal(0, await infrastructure.Management.GetQueueDepthAsync(infrastructure.VirtualHost, "recording_error") ?? 0);
    }

    [Fact]
    public void Outages_are_told_apart_from_faults_of_the_message()
    {
        Assert.True(OutageRetry.IsOutage(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(OutageRetry.IsOutage(new InvalidOperationException("wrapped", new SocketException((int)SocketError.ConnectionReset))));
        Assert.True(OutageRetry.IsOutage(new TimeoutException()));
        Assert.False(OutageRetry.IsOutage(new InvalidOperationException("this consumer cannot handle the poison worker")));
        Assert.False(OutageRetry.IsOutage(new System.ComponentModel.DataAnnotations.ValidationException("invalid")));
    }

    [Fact]
    public void Outage_retries_back_off_to_15_seconds_and_cover_the_window()
    {
        var intervals = OutageRetry.Intervals(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromSeconds(1), intervals[0]);
        Assert.Equal(TimeSpan.FromSeconds(15), intervals.Max());
        Assert.True(intervals.Aggregate(TimeSpan.Zero, (sum, interval) => sum + interval) >= TimeSpan.FromMinutes(5));
        Assert.Empty(OutageRetry.Intervals(TimeSpan.Zero));
    }
}
