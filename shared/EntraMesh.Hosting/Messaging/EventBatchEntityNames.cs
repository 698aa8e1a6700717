using System.Reflection;
using EntraMesh.Contracts;
using MassTransit;

namespace EntraMesh.Hosting.Messaging;

/// <summary>
/// Names the exchange of an <see cref="EventBatch{T}"/> after its event's: <c>entramesh.worker-record-accepted.batch</c>
/// beside <c>entramesh.worker-record-accepted</c>. Every bus that publishes or consumes batches must use it (the services
/// do through <c>AddMessaging</c>; a test's own bus calls <see cref="UseEventBatchEntityNames"/>).
/// </summary>
public sealed class EventBatchEntityNames(IEntityNameFormatter inner) : IEntityNameFormatter
{
    public const string Suffix = ".batch";

    public string FormatEntityName<T>()
    {
        var type = typeof(T);
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(EventBatch<>)) return inner.FormatEntityName<T>();
        var eventType = type.GetGenericArguments()[0];
        var name = eventType.GetCustomAttribute<EntityNameAttribute>()?.EntityName
            ?? throw new InvalidOperationException($"{eventType.Name} travels in batches but has no [EntityName] to name the batch exchange after.");
        return name + Suffix;
    }
}

public static class EventBatchEntityNamesExtensions
{
    public static void UseEventBatchEntityNames(this IBusFactoryConfigurator bus) =>
        bus.MessageTopology.SetEntityNameFormatter(new EventBatchEntityNames(bus.MessageTopology.EntityNameFormatter));
}
