using System.ComponentModel.DataAnnotations;
using EntraMesh.Contracts;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Hosting.Tests;

/// <summary>
/// A minimal EntraMesh service built with the real service defaults, database, outbox, inbox and RabbitMQ bus:
/// it records an effect row for every <see cref="WorkerRecordAccepted"/> and <see cref="ReplayWorkerRequested"/>
/// it consumes, through the inbox. A replay request for worker "poison" always throws.
/// </summary>
internal sealed class ProbeService : IAsyncDisposable
{
    public const string Schema = "probe";

    ProbeService(WebApplication app) => App = app;

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public HttpClient CreateClient() => App.GetTestClient();

    public static Task<ProbeService> StartAsync(
        IsolatedInfrastructure infrastructure, bool consume = true, IDictionary<string, string?>? settings = null) =>
        StartAsync(infrastructure.PostgresConnectionString, infrastructure.RabbitMqUri, consume, settings);

    public static async Task<ProbeService> StartAsync(
        string? postgres, Uri rabbitMq, bool consume = true, IDictionary<string, string?>? settings = null)
    {
        var app = Build(postgres, rabbitMq, consume, settings);
        await app.StartAsync();
        return new ProbeService(app);
    }

    public static WebApplication Build(string? postgres, Uri rabbitMq, bool consume = true, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "EntraMesh.Probe", EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = postgres,
            ["ConnectionStrings:rabbitmq"] = rabbitMq.ToString(),
            ["Messaging:WaitUntilStarted"] = "true",
            ["Messaging:RetryIntervals:0"] = "00:00:00.010",
            ["Messaging:RetryIntervals:1"] = "00:00:00.010",
            ["Outbox:PollInterval"] = "00:01:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);

        builder.AddServiceDefaults();
        builder.AddServiceDatabase(Schema, typeof(ProbeService).Assembly);
        builder.AddMessaging(bus =>
        {
            if (!consume) return;
            bus.AddConsumer<RecordingConsumer>();
            bus.AddConsumer<ReplayRecordingConsumer>();
        });

        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

internal static class EffectStore
{
    public static Task<bool> ApplyAsync(Outbox.Outbox outbox, ConsumeContext context, string kind, string workerId) =>
        ApplyAsync(
            outbox, context.MessageId ?? throw new InvalidOperationException("no message id"), ReceivedEvents.ConsumerKey(context), kind, workerId,
            context.CancellationToken);

    public static async Task<bool> ApplyAsync(
        Outbox.Outbox outbox, Guid messageId, string consumer, string kind, string workerId, CancellationToken cancellationToken)
    {
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        if (!await transaction.TryClaimMessageAsync(messageId, consumer, cancellationToken)) return false;

        await using var command = transaction.Command("INSERT INTO effect (message_kind, worker_id) VALUES (@kind, @worker)");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("worker", workerId);
        await command.ExecuteNonQueryAsync(cancellationToken);

        // Hold the transaction open a moment so concurrent duplicates really overlap.
        await Task.Delay(20, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

internal sealed class RecordingConsumer(Outbox.Outbox outbox) : IConsumer<WorkerRecordAccepted>, IConsumer<EventBatch<WorkerRecordAccepted>>
{
    public Task Consume(ConsumeContext<WorkerRecordAccepted> context) =>
        EffectStore.ApplyAsync(outbox, context, "accepted", context.Message.WorkerId);

    /// <summary>Each event of the batch through the inbox by its own message id.</summary>
    public async Task Consume(ConsumeContext<EventBatch<WorkerRecordAccepted>> context)
    {
        foreach (var received in ReceivedEvents.Of(context))
        {
            await EffectStore.ApplyAsync(
                outbox, received.MessageId, ReceivedEvents.ConsumerKey(context), "accepted", received.Message.WorkerId, context.CancellationToken);
        }
    }
}

internal sealed class ReplayRecordingConsumer(Outbox.Outbox outbox) : IConsumer<ReplayWorkerRequested>
{
    public static int PoisonAttempts;

    public Task Consume(ConsumeContext<ReplayWorkerRequested> context)
    {
        if (context.Message.WorkerId == "poison")
        {
            Interlocked.Increment(ref PoisonAttempts);
            throw new InvalidOperationException("this consumer cannot handle the poison worker");
        }

        if (context.Message.WorkerId == "invalid")
        {
            Interlocked.Increment(ref PoisonAttempts);
            throw new ValidationException("worker 'invalid' fails validation");
        }

        return EffectStore.ApplyAsync(outbox, context, "replay", context.Message.WorkerId);
    }
}

internal static class Samples
{
    public static WorkerRecordAccepted Accepted(string workerId, long revision = 1) => new()
    {
        RecordId = Guid.NewGuid(),
        SourceId = "probe",
        WorkerId = workerId,
        Revision = revision,
        ReceivedAt = DateTimeOffset.UtcNow,
        Attributes = new Dictionary<string, string?> { ["FirstName"] = "Talya" },
        Terminated = false,
        Channel = "webhook",
    };

    public static ReplayWorkerRequested Replay(string workerId) => new()
    {
        RequestId = Guid.NewGuid(),
        SourceId = "probe",
        WorkerId = workerId,
        RequestedBy = "test",
        Reason = "test",
        RequestedAt = DateTimeOffset.UtcNow,
    };
}
