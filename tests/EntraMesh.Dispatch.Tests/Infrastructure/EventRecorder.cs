using System.Collections.Concurrent;
using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Testing;
using MassTransit;

namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>
/// A bus of its own on the test's virtual host: publishes plans as mapping would, and records every event dispatch
/// publishes (its queue is bound to each event type, so the outbox relay's mandatory publishes are routed).
/// </summary>
internal sealed class EventRecorder : IAsyncDisposable
{
    readonly IBusControl bus;

    EventRecorder(IBusControl bus) => this.bus = bus;

    public ConcurrentQueue<IdentityChangeQueued> Queued { get; } = new();
    public ConcurrentQueue<ProvisioningSubmitted> Submitted { get; } = new();
    public ConcurrentQueue<ProvisioningRejected> Rejected { get; } = new();
    public ConcurrentQueue<ProvisioningOutcomeObserved> Outcomes { get; } = new();

    public static async Task<EventRecorder> StartAsync(IsolatedInfrastructure infrastructure)
    {
        EventRecorder? recorder = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(infrastructure.RabbitMqUri);
            rabbit.UseEventBatchEntityNames();
            rabbit.ReceiveEndpoint($"test-recorder-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Handler<IdentityChangeQueued>(context => Record(recorder!.Queued, context.Message));
                endpoint.Handler<ProvisioningSubmitted>(context => Record(recorder!.Submitted, context.Message));
                endpoint.Handler<ProvisioningRejected>(context => Record(recorder!.Rejected, context.Message));
                endpoint.Handler<ProvisioningOutcomeObserved>(context => Record(recorder!.Outcomes, context.Message));
                endpoint.Handler<EventBatch<IdentityChangeQueued>>(context => Record(recorder!.Queued, context.Message));
                endpoint.Handler<EventBatch<ProvisioningOutcomeObserved>>(context => Record(recorder!.Outcomes, context.Message));
            });
        });
        recorder = new EventRecorder(bus);
        await bus.StartAsync();
        return recorder;
    }

    public Task PublishAsync(IdentityChangePlanned plan) => bus.Publish(plan);

    public Task PublishAsync(IEnumerable<IdentityChangePlanned> plans) => bus.PublishBatch(plans);

    /// <summary>Publishes plans as one message, as mapping's outbox does for changes planned together.</summary>
    public Task PublishAsync(EventBatch<IdentityChangePlanned> plans) => bus.Publish(plans);

    /// <summary>Operations submitted so far, flattened.</summary>
    public IReadOnlyList<SubmittedOperation> SubmittedOperations => Submitted.SelectMany(s => s.Operations).ToList();

    static Task Record<T>(ConcurrentQueue<T> queue, T message)
    {
        queue.Enqueue(message);
        return Task.CompletedTask;
    }

    static Task Record<T>(ConcurrentQueue<T> queue, EventBatch<T> batch)
        where T : class
    {
        foreach (var batched in batch.Events) queue.Enqueue(batched.Message);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
