using EntraMesh.EntraEmulator.Faults;

namespace EntraMesh.EntraEmulator.Graph;

/// <summary>Per-request facts about a call to an emulated endpoint, shared by the middleware and the handlers (an HttpContext feature).</summary>
public sealed class EmulatorCall(EmulatorEndpoint endpoint, string requestId, string clientRequestId, DateTimeOffset at)
{
    public EmulatorEndpoint Endpoint { get; } = endpoint;

    public string RequestId { get; } = requestId;

    public string ClientRequestId { get; } = clientRequestId;

    public DateTimeOffset At { get; } = at;

    public string? TenantId { get; set; }

    public string? JobId { get; set; }

    public int Operations { get; set; }

    public string? Fault { get; set; }

    /// <summary>Set when the answer must be dropped after the work is done (fault DropAfterProcessing).</summary>
    public bool DropAfterProcessing { get; set; }

    public static EmulatorCall? Of(HttpContext context) => context.Features.Get<EmulatorCall>();
}
