using System.Collections.Concurrent;
using EntraMesh.Testing;
using MassTransit;

namespace EntraMesh.Reconciliation.Tests.Infrastructure;

/// <summary>A bus of its own on the test's virtual host that records every <typeparamref name="T"/> published (as another service would see it).</summary>
public sealed class BusObserver<T> : IAsyncDisposable
    where T : class
{
    readonly IBusControl bus;
    readonly ConcurrentQueue<(T Message, Guid? MessageId)> received = new();

    BusObserver(IBusControl bus) => this.bus = bus;

    public IReadOnlyList<(T Message, Guid? MessageId)> Received => received.ToArray();

    public static async Task<BusObserver<T>> StartAsync(IsolatedInfrastructure infrastructure, string queue)
    {
        BusObserver<T>? observer = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(configure =>
        {
            configure.Host(infrastructure.RabbitMqUri);
            configure.ReceiveEndpoint(queue, endpoint => endpoint.Handler<T>(context =>
            {
                observer!.received.Enqueue((context.Message, context.MessageId));
                return Task.CompletedTask;
            }));
        });
        observer = new BusObserver<T>(bus);
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return observer;
    }

    public Task<IReadOnlyList<(T Message, Guid? MessageId)>> WaitForAsync(Func<IReadOnlyList<(T Message, Guid? MessageId)>, bool> until) =>
        Eventually.WaitForAsync(() => Task.FromResult(Received), until, TimeSpan.FromSeconds(30), $"{typeof(T).Name} on the bus");

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
