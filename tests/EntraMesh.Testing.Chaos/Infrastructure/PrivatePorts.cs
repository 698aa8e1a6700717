using EntraMesh.Launcher.Mesh;

namespace EntraMesh.Testing.Chaos.Infrastructure;

/// <summary>
/// Ports for a private PostgreSQL and RabbitMQ, picked as <see cref="FreePorts"/> picks the mesh's (free now, below the
/// kernel's ephemeral range, never the shared servers'), with the RabbitMQ distribution port (AMQP + 20000, as
/// eng/infra.sh derives it) free and below that range too: a node whose distribution port an outgoing connection took
/// never boots, which is what failed a CI run when these ports were drawn from inside the range.
/// </summary>
public sealed record PrivatePorts(int Postgres, int Amqp, int Management)
{
    public const int DistributionOffset = 20000;

    public int Distribution => Amqp + DistributionOffset;

    /// <summary>Picks the ports; <paramref name="ephemeralStart"/> defaults to the kernel's.</summary>
    public static PrivatePorts Pick(Random? random = null, int? ephemeralStart = null)
    {
        random ??= Random.Shared;
        var limit = ephemeralStart ?? FreePorts.EphemeralRangeStart();
        if (limit - DistributionOffset <= FreePorts.Lowest + 100)
        {
            throw new InvalidOperationException(
                $"The ephemeral port range starts at {limit}: too low to keep the private RabbitMQ's ports (AMQP and AMQP + {DistributionOffset}) out of it.");
        }

        for (var attempt = 0; attempt < 500; attempt++)
        {
            var amqp = random.Next(FreePorts.Lowest, limit - DistributionOffset);
            var ports = new PrivatePorts(random.Next(FreePorts.Lowest, limit), amqp, random.Next(FreePorts.Lowest, limit));
            int[] all = [ports.Postgres, ports.Amqp, ports.Management, ports.Distribution];
            if (all.Distinct().Count() == all.Length && all.All(FreePorts.IsUsable)) return ports;
        }

        throw new InvalidOperationException("No free ports for a private PostgreSQL and RabbitMQ were found.");
    }
}
