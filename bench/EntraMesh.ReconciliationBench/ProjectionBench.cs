using System.Diagnostics;
using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Testing;
using MassTransit;
using Npgsql;

namespace EntraMesh.ReconciliationBench;

/// <summary>
/// Projection throughput: the queues are filled while the service is stopped, then the service starts and drains them.
/// The mix follows real traffic: per worker an accepted record, a plan, a queued change, one 50-operation bulk call per
/// 50 workers and an outcome; one worker in ten moves between targets (two plans, two queued, two outcomes).
/// The rate is messages (and worker events) over the span between the first and the last inbox claim.
/// </summary>
public static class ProjectionBench
{
    public sealed record Result(int Messages, int WorkerEvents, double Seconds, bool AllProjected, CpuTime Cpu)
    {
        /// <summary>CPU seconds (service process, PostgreSQL, RabbitMQ) per 1,000 worker events: what a quiet machine's cores bound.</summary>
        public double CpuPerThousandEvents => Cpu.Total / WorkerEvents * 1000;

        public double MessagesPerSecond => Messages / Seconds;
        public double EventsPerSecond => WorkerEvents / Seconds;
    }

    public static async Task<Result> RunAsync(int workers, CancellationToken cancellationToken)
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();

        // Declare the queues and their bindings, then stop: the messages wait in RabbitMQ.
        await (await BenchHost.StartAsync(infrastructure)).DisposeAsync();

        var (messages, events) = Messages(workers);
        var total = messages.Count;
        await PublishAsync(infrastructure, messages, cancellationToken);
        messages.Clear();

        var cpu = CpuTime.Take();
        var clock = Stopwatch.StartNew();
        await using var host = await BenchHost.StartAsync(infrastructure);
        await using var connection = await infrastructure.OpenConnectionAsync("reconciliation");
        while (await CountAsync(connection, "SELECT count(*) FROM inbox_message") < total)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("projection did not finish in 10 minutes");
            await Task.Delay(100, cancellationToken);
        }

        var used = CpuTime.Take() - cpu;
        var seconds = await ScalarAsync<double>(connection, "SELECT extract(epoch FROM max(consumed_at) - min(consumed_at)) FROM inbox_message");
        var succeeded = await CountAsync(connection, "SELECT count(*) FROM worker WHERE state = 'Succeeded'");
        return new Result(total, events, seconds, succeeded == workers, used);
    }

    static (List<object> Messages, int WorkerEvents) Messages(int workers)
    {
        var now = DateTimeOffset.UtcNow.AddHours(-1);
        var messages = new List<object>();
        var submissions = new Dictionary<string, List<SubmittedOperation>>();
        var outcomes = new List<object>();
        var events = 0;
        for (var i = 0; i < workers; i++)
        {
            var workerId = $"b{i:D7}";
            var recordId = Guid.NewGuid();
            var at = now.AddMilliseconds(i);
            messages.Add(new WorkerRecordAccepted
            {
                RecordId = recordId, SourceId = "bench", WorkerId = workerId, Revision = 1, ReceivedAt = at,
                Attributes = new Dictionary<string, string?> { ["FirstName"] = "Bench" }, Terminated = false, Channel = "csv",
            });
            events++;
            var moves = i % 10 == 0;
            foreach (var (target, kind) in moves ? new[] { ("onprem", ChangeKind.Leaver), ("cloud", ChangeKind.Joiner) } : [("cloud", ChangeKind.Joiner)])
            {
                var changeId = Guid.NewGuid();
                messages.Add(new IdentityChangePlanned
                {
                    ChangeId = changeId, RecordId = recordId, SourceId = "bench", WorkerId = workerId, Revision = 1, Target = target,
                    ChangeKind = kind, Priority = ChangePriorities.For(kind), Data = new JsonObject { ["externalId"] = workerId },
                    ChangedAttributes = ["externalId"], PlannedAt = at.AddSeconds(1),
                });
                messages.Add(new IdentityChangeQueued
                {
                    ChangeId = changeId, RecordId = recordId, SourceId = "bench", WorkerId = workerId, Revision = 1, Target = target,
                    ChangeKind = kind, QueuedAt = at.AddSeconds(2),
                });
                if (!submissions.TryGetValue(target, out var operations)) submissions[target] = operations = [];
                operations.Add(new SubmittedOperation
                {
                    ChangeId = changeId, RecordId = recordId, SourceId = "bench", WorkerId = workerId, Revision = 1, BulkId = workerId,
                    ExternalId = workerId, ChangeKind = kind,
                });
                outcomes.Add(new ProvisioningOutcomeObserved
                {
                    SourceId = "bench", WorkerId = workerId, Revision = 1, RecordId = recordId, ChangeId = changeId, SubmissionId = Guid.Empty,
                    Target = target, JobId = "job-" + target, LogId = Guid.NewGuid().ToString("N"), Action = "create", Status = OutcomeStatus.Success,
                    ActivityAt = at.AddMinutes(6), ObservedAt = at.AddMinutes(12),
                });
                events += 4;
            }
        }

        foreach (var (target, operations) in submissions)
        {
            foreach (var chunk in operations.Chunk(50))
            {
                messages.Add(new ProvisioningSubmitted
                {
                    SubmissionId = Guid.NewGuid(), Target = target, JobId = "job-" + target, SubmittedAt = now.AddSeconds(3), Operations = chunk,
                    DailyCallsRemaining = 1500, DailyCallsLimit = 2000,
                });
            }
        }

        messages.AddRange(outcomes);
        return (messages, events);
    }

    static async Task PublishAsync(IsolatedInfrastructure infrastructure, List<object> messages, CancellationToken cancellationToken)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(configure => configure.Host(infrastructure.RabbitMqUri));
        await bus.StartAsync(cancellationToken);
        try
        {
            foreach (var chunk in messages.Chunk(500))
            {
                await Task.WhenAll(chunk.Select(message => bus.Publish(message, message.GetType(), cancellationToken)));
            }
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    static async Task<long> CountAsync(NpgsqlConnection connection, string sql) => await ScalarAsync<long>(connection, sql);

    static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
