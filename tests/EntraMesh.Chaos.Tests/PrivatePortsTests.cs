using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing.Chaos.Infrastructure;
using Xunit;

namespace EntraMesh.Chaos.Tests;

public class PrivatePortsTests
{
    [Theory]
    [InlineData(32768)]
    [InlineData(49152)]
    [InlineData(31000)]
    public void Every_port_including_RabbitMQs_distribution_port_is_below_the_ephemeral_range(int ephemeralStart)
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var ports = PrivatePorts.Pick(new Random(seed), ephemeralStart);

            int[] all = [ports.Postgres, ports.Amqp, ports.Management, ports.Distribution];
            Assert.All(all, port => Assert.InRange(port, 10000, ephemeralStart - 1));
            Assert.Equal(all.Length, all.Distinct().Count());
            Assert.Equal(ports.Amqp + 20000, ports.Distribution);
            Assert.DoesNotContain(all, port => port is 5432 or 5672 or 15672 or 25672 or >= 35672 and <= 35682);
        }
    }

    [Fact]
    public void An_ephemeral_range_that_leaves_no_room_below_it_is_refused_rather_than_used()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PrivatePorts.Pick(new Random(1), ephemeralStart: 30000));
        Assert.Contains("30000", error.Message);
    }

    [Fact]
    public void The_mesh_services_ports_are_distinct_and_below_the_kernels_ephemeral_range()
    {
        var expected = File.Exists("/proc/sys/net/ipv4/ip_local_port_range")
            ? int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0].Trim())
            : 32768;
        Assert.Equal(expected, FreePorts.EphemeralRangeStart());

        var picked = new List<int>();
        for (var i = 0; i < 50; i++) picked.Add(FreePorts.Next(picked));
        Assert.Equal(picked.Count, picked.Distinct().Count());
        Assert.All(picked, port => Assert.InRange(port, FreePorts.Lowest, expected - 1));
    }
}
