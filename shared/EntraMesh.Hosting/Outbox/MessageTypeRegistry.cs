using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using EntraMesh.Contracts;
using MassTransit;

namespace EntraMesh.Hosting.Outbox;

/// <summary>
/// Maps the frozen wire name (<see cref="MessageUrnAttribute"/>) of every contract to its type, so an outbox row
/// written by one build can be published by another. Only types with a frozen name may go through the outbox.
/// </summary>
public sealed class MessageTypeRegistry
{
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    readonly FrozenDictionary<string, Type> typesByName;
    readonly FrozenDictionary<Type, string> namesByType;

    public MessageTypeRegistry(IEnumerable<Assembly>? additionalAssemblies = null)
    {
        var types = new[] { typeof(WorkerRecordAccepted).Assembly }
            .Concat(additionalAssemblies ?? [])
            .Distinct()
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type.GetCustomAttribute<MessageUrnAttribute>() is not null)
            .ToList();
        batchTypes = types
            .Where(type => type.GetCustomAttribute<PublishedInBatchesAttribute>() is not null)
            .ToFrozenDictionary(type => type, type => typeof(EventBatch<>).MakeGenericType(type));
        types.AddRange(batchTypes.Values);
        namesByType = types.ToFrozenDictionary(type => type, MessageUrn.ForTypeString);
        typesByName = types.ToFrozenDictionary(MessageUrn.ForTypeString, type => type);
    }

    readonly FrozenDictionary<Type, Type> batchTypes;

    /// <summary>The <see cref="EventBatch{T}"/> type that carries several <paramref name="type"/> events, if it is a batched event.</summary>
    public Type? BatchTypeOf(Type type) => batchTypes.GetValueOrDefault(type);

    public string NameOf(Type type) =>
        namesByType.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException(
                $"{type.FullName} has no [MessageUrn] in a registered contracts assembly; only contracts with frozen wire names go through the outbox.");

    public Type TypeOf(string name) =>
        typesByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"Outbox row names an unknown message type '{name}'.");
}
