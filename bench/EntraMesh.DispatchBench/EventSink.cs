using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Testing;
using MassTransit;

namespace EntraMesh.DispatchBench;

/// <summary>
/// Stands in for reconciliation: a queue bound to the events dispatch publishes, so its outbox relay publishes them
/// (as in the mesh) instead of retrying unroutable messages. The events are counted and dropped.
/// </summary>
public sealed class EventSink : IAsyncDisposable
{
    readonly IBusControl bus;
    int submitted;

    EventSink(IBusControl bus) => this.bus = bus;

    public int Submitted => Volatile.Read(ref submitted);

    public static async Task<EventSink> StartAsync(IsolatedInfrastructure infrastructure)
    {
        EventSink? sink = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(infrastructure.RabbitMqUri);
            rabbit.UseEventBatchEntityNames();
            rabbit.ReceiveEndpoint("bench-reconciliation", endpoint =>
            {
                endpoint.PrefetchCount = 200;
                endpoint.Handler<ProvisioningSubmitted>(_ =>
                {
                    Interlocked.Increment(ref sink!.submitted);
                    return Task.CompletedTask;
                });
                endpoint.Handler<ProvisioningRejected>(_ => Task.CompletedTask);
                endpoint.Handler<IdentityChangeQueued>(_ => Task.CompletedTask);
                endpoint.Handler<ProvisioningOutcomeObserved>(_ => Task.CompletedTask);
                endpoint.Handler<EventBatch<IdentityChangeQueued>>(_ => Task.CompletedTask);
                endpoint.Handler<EventBatch<ProvisioningOutcomeObserved>>(_ => Task.CompletedTask);
            });
        });
        sink = new EventSink(bus);
        await bus.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
