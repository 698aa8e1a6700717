using EntraMesh.EntraEmulator.Faults;

namespace EntraMesh.Testing.Chaos.Disruption;

/// <summary>
/// What the chaos run does, in order: every round kills each service once (gateway, ingest, mapping, dispatch,
/// reconciliation and the Entra emulator), restarts RabbitMQ and PostgreSQL (SIGKILL and start in the first round, a clean
/// restart in the next, and so on) and puts the emulator through three storms: 429s, 500/503s, and timeouts with dropped connections (some after
/// the upload was processed, so the client cannot know it went through). The first round interleaves them so each kind
/// meets a different part of the pipeline; later rounds are shuffled.
/// </summary>
public static class DisruptionSchedule
{
    public static IReadOnlyList<Disruption> For(ChaosOptions options)
    {
        var schedule = new List<Disruption>();
        var random = new Random(options.Seed + 2);
        for (var round = 0; round < options.Rounds; round++)
        {
            var broker = round % 2 == 0 ? DisruptionKind.KillBroker : DisruptionKind.RestartBroker;
            var database = round % 2 == 0 ? DisruptionKind.KillDatabase : DisruptionKind.RestartDatabase;
            List<Disruption> strikes =
            [
                Storm("429s", new FaultSettings { TooManyRequestsShare = 0.8, RetryAfter = TimeSpan.FromSeconds(1) }),
                Kill("gateway"),
                Kill("ingest"),
                new(broker, "rabbitmq"),
                Kill("mapping"),
                Storm("500s and 503s", new FaultSettings { InternalServerErrorShare = 0.4, ServiceUnavailableShare = 0.4, RetryAfter = TimeSpan.FromSeconds(1) }),
                Kill("dispatch"),
                new(database, "postgres"),
                Kill("reconciliation"),
                Storm("timeouts and dropped connections", new FaultSettings
                {
                    TimeoutShare = 0.3, TimeoutAfter = TimeSpan.FromSeconds(8), DroppedConnectionShare = 0.2, DropAfterProcessingShare = 0.3,
                }),
                Kill("emulator"),
            ];
            if (round > 0) strikes = [.. strikes.OrderBy(_ => random.Next())];
            schedule.AddRange(strikes);
        }

        return schedule;
    }

    static Disruption Kill(string service) => new(DisruptionKind.KillService, service);

    static Disruption Storm(string name, FaultSettings faults) => new(DisruptionKind.EntraStorm, name, faults);
}
