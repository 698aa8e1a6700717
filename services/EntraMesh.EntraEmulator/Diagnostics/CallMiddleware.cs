using System.Diagnostics;
using EntraMesh.EntraEmulator.Faults;
using EntraMesh.EntraEmulator.Graph;
using EntraMesh.EntraEmulator.Identity;

namespace EntraMesh.EntraEmulator.Diagnostics;

/// <summary>
/// Wraps every call to an emulated endpoint: gives it Graph's request ids, applies injected latency and faults, and
/// records it in the call log and the counters. Health, metrics, OpenAPI and <c>/_emulator/</c> pass straight through.
/// </summary>
public sealed class CallMiddleware(RequestDelegate next, FaultInjector faults, EmulatorCounters counters, CallLog calls, TimeProvider time,
    ILogger<CallMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (EndpointClassifier.Classify(context.Request.Path) is not { } endpoint)
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var clientRequestId = context.Request.Headers["client-request-id"].ToString();
        var call = new EmulatorCall(endpoint, Guid.NewGuid().ToString(), string.IsNullOrEmpty(clientRequestId) ? Guid.NewGuid().ToString() : clientRequestId, time.GetUtcNow());
        context.Features.Set(call);
        var headers = context.Response.Headers;
        headers["request-id"] = call.RequestId;
        headers["client-request-id"] = call.ClientRequestId;
        if (endpoint is EmulatorEndpoint.Token or EmulatorEndpoint.Metadata) headers["x-ms-request-id"] = call.RequestId;

        var dropped = false;
        try
        {
            dropped = await RunAsync(context, call, endpoint);
        }
        finally
        {
            var status = dropped || (context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted) ? 0 : context.Response.StatusCode;
            counters.Call(endpoint, status);
            calls.Add(new CallRecord(call.At, endpoint, context.Request.Method, context.Request.Path.Value ?? "", status, call.TenantId, call.JobId,
                call.Operations, call.Fault, Stopwatch.GetElapsedTime(started).TotalMilliseconds, call.RequestId));
        }
    }

    /// <summary>Runs the call with its faults; true when the connection was dropped.</summary>
    async Task<bool> RunAsync(HttpContext context, EmulatorCall call, EmulatorEndpoint endpoint)
    {
        var settings = faults.Current;
        if (settings.IsQuiet || !settings.Applies(endpoint))
        {
            await next(context);
            return false;
        }

        var latency = FaultInjector.Latency(settings);
        if (latency > TimeSpan.Zero) await Task.Delay(latency, time, context.RequestAborted);

        if (faults.Draw(settings) is not { } kind)
        {
            await next(context);
            return false;
        }

        call.Fault = kind.ToString();
        counters.Fault(kind);
        EmulatorLog.FaultInjected(logger, call.Fault, endpoint.ToString(), context.Request.Path.Value ?? "");
        var identity = endpoint is EmulatorEndpoint.Token or EmulatorEndpoint.Metadata;
        switch (kind)
        {
            case FaultKind.TooManyRequests:
                await (identity
                    ? IdentityErrors.WriteAsync(context, 429, "temporarily_unavailable", 50196, "The server is throttling requests (injected by the emulator).", settings.RetryAfter)
                    : GraphErrors.WriteAsync(context, 429, "TooManyRequests", "Too many requests (injected by the emulator).", settings.RetryAfter));
                return false;
            case FaultKind.InternalServerError:
                await (identity
                    ? IdentityErrors.WriteAsync(context, 500, "server_error", 90000, "An internal error occurred (injected by the emulator).")
                    : GraphErrors.WriteAsync(context, 500, "UnknownError", "An internal server error occurred (injected by the emulator)."));
                return false;
            case FaultKind.ServiceUnavailable:
                await (identity
                    ? IdentityErrors.WriteAsync(context, 503, "temporarily_unavailable", 90033, "The service is unavailable (injected by the emulator).", settings.RetryAfter)
                    : GraphErrors.WriteAsync(context, 503, "serviceNotAvailable", "The service is temporarily unavailable (injected by the emulator).", settings.RetryAfter));
                return false;
            case FaultKind.DroppedConnection:
                context.Abort();
                return true;
            case FaultKind.DropAfterProcessing:
                call.DropAfterProcessing = true;
                await next(context);
                context.Abort();
                return true;
            default:
                try
                {
                    await Task.Delay(settings.TimeoutAfter, time, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                await (identity
                    ? IdentityErrors.WriteAsync(context, 504, "temporarily_unavailable", 90033, "The request timed out (injected by the emulator).")
                    : GraphErrors.WriteAsync(context, 504, "GatewayTimeout", "The request timed out (injected by the emulator)."));
                return false;
        }
    }
}
