using System.Diagnostics;
using EntraMesh.Contracts;
using MassTransit;
using MassTransit.Logging;

namespace EntraMesh.Hosting.Messaging;

/// <summary>
/// One event as a consumer handles it, however it travelled: alone (in a MassTransit batch of messages) or inside an
/// <see cref="EventBatch{T}"/>. The message id is what the inbox de-duplicates by; the trace parent is the span the
/// event was published in.
/// </summary>
public readonly record struct ReceivedEvent<T>(Guid MessageId, T Message, ActivityContext TraceParent)
    where T : class;

public static class ReceivedEvents
{
    /// <summary>The messages of a MassTransit batch.</summary>
    public static IReadOnlyList<ReceivedEvent<T>> Of<T>(ConsumeContext<Batch<T>> context)
        where T : class
    {
        var events = new List<ReceivedEvent<T>>(context.Message.Length);
        foreach (var message in context.Message) events.Add(new ReceivedEvent<T>(IdOf(message), message.Message, ParentOf(message)));
        return events;
    }

    /// <summary>The events of one <see cref="EventBatch{T}"/>.</summary>
    public static IReadOnlyList<ReceivedEvent<T>> Of<T>(ConsumeContext<EventBatch<T>> context)
        where T : class =>
        context.Message.Events.Select(batched => new ReceivedEvent<T>(
            batched.MessageId,
            batched.Message,
            ActivityContext.TryParse(batched.TraceParent, batched.TraceState, out var parent) ? parent : default)).ToList();

    /// <summary>The receiving queue identifies the consumer (one logical consumer per queue), for the inbox.</summary>
    public static string ConsumerKey(ConsumeContext context)
    {
        var address = context.ReceiveContext.InputAddress;
        return address.Segments.Length > 0 ? address.Segments[^1].Trim('/') : address.ToString();
    }

    static Guid IdOf(ConsumeContext context) =>
        context.MessageId ?? throw new InvalidOperationException("A consumed message without MessageId cannot be de-duplicated.");

    /// <summary>The sender's span, which MassTransit carries in a header.</summary>
    public static ActivityContext ParentOf(ConsumeContext context) =>
        context.Headers.Get<string>(DiagnosticHeaders.ActivityId) is { } header && ActivityContext.TryParse(header, null, out var parent)
            ? parent
            : default;
}
