using System.Net;
using System.Net.Sockets;

namespace EntraMesh.Testing.Chaos.Infrastructure;

/// <summary>
/// Ports for a private PostgreSQL and RabbitMQ: free now, never the shared servers' (5432, 5672, 15672 and the shared node's
/// distribution port 25672), never 35672-35682 (rabbitmqctl's own listeners), and with the RabbitMQ distribution port
/// (AMQP + 20000, as eng/infra.sh derives it) free too.
/// </summary>
public sealed record PrivatePorts(int Postgres, int Amqp, int Management)
{
    public int Distribution => Amqp + 20000;

    static readonly int[] Shared = [5432, 5672, 15672, 25672];

    public static PrivatePorts Pick(Random? random = null)
    {
        random ??= Random.Shared;
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var amqp = random.Next(20000, 30000);
            var ports = new PrivatePorts(random.Next(40000, 45000), amqp, random.Next(30000, 35000));
            int[] all = [ports.Postgres, ports.Amqp, ports.Management, ports.Distribution];
            if (all.Distinct().Count() == all.Length && all.All(Usable)) return ports;
        }

        throw new InvalidOperationException("No free ports for a private PostgreSQL and RabbitMQ were found.");
    }

    static bool Usable(int port) => !Shared.Contains(port) && port is < 35672 or > 35682 && IsFree(port);

    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
