using System.Diagnostics;
using MassTransit;
using MassTransit.Logging;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>The W3C trace id a message carries (MassTransit propagates the sender's activity in a header).</summary>
public static class TraceIds
{
    public static string? Of(ConsumeContext context)
    {
        var header = context.Headers.Get<string>(DiagnosticHeaders.ActivityId);
        if (header is not null && ActivityContext.TryParse(header, null, out var parent)) return parent.TraceId.ToHexString();
        return null;
    }
}
