using System.Collections.Concurrent;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Credentials;
using EntraMesh.Dispatch.Storage;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace EntraMesh.Dispatch.Sending;

/// <summary>
/// Sends one reserved call and acts on Entra's answer (see <see cref="FailurePolicy"/>). A 400 for several operations
/// splits the batch and sends each half as its own call, recursively, until the offending operation stands alone and
/// is rejected; the other halves go through. A 401 makes the next call of the target fetch a fresh token.
/// </summary>
public sealed partial class BatchSender(
    BulkUploadClient client, AccessTokens tokens, CallRecorder recorder, BatchQueue queue, TimeProvider time, ILogger<BatchSender> logger)
{
    /// <summary>A split half waits this long at most for room in the budgets before its operations go back in line.</summary>
    static readonly TimeSpan MaxSplitWait = TimeSpan.FromSeconds(15);

    static readonly string[] CredentialErrors = ["invalid_client", "unauthorized_client", "invalid_scope", "invalid_grant", "invalid_request"];

    readonly ConcurrentDictionary<string, bool> refreshNext = new(StringComparer.OrdinalIgnoreCase);

    public async Task ProcessAsync(ClaimedBatch batch, CancellationToken cancellationToken)
    {
        var forceRefresh = refreshNext.TryRemove(batch.Target.Name, out _);
        BulkUploadResult result;
        FailureAction action;
        try
        {
            (result, action) = await SendAsync(batch, forceRefresh, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbandonAsync(batch);
            throw;
        }
        catch (Exception exception)
        {
            // Anything unforeseen while sending: the operations go back in line now rather than when their lease ends.
            LogSendFailed(logger, exception, batch.Target.Name, batch.CallId);
            (result, action) = (new BulkUploadResult(0, Error: FirstLine(exception.GetBaseException().Message)), FailureAction.Transient);
        }

        LogCall(logger, batch.Target.Name, batch.CallId, batch.Operations.Count, result.StatusCode, action);
        switch (action)
        {
            case FailureAction.Accepted:
                await TransientRetry.RunAsync(() => recorder.AcceptedAsync(batch, result, cancellationToken), cancellationToken);
                break;
            case FailureAction.Reject:
                // Entra's message may quote attribute values (personal data): it goes to the event, not to the log.
                LogRejected(logger, batch.Target.Name, batch.Operations[0].WorkerId, batch.Operations[0].Revision, result.StatusCode, result.ErrorCode);
                await TransientRetry.RunAsync(() => recorder.RejectedAsync(batch, result, cancellationToken), cancellationToken);
                break;
            case FailureAction.Split:
                await TransientRetry.RunAsync(() => recorder.SplitAsync(batch, result, cancellationToken), cancellationToken);
                var half = (batch.Operations.Count + 1) / 2;
                await SendPartAsync(batch, batch.Operations.Take(half).ToList(), cancellationToken);
                await SendPartAsync(batch, batch.Operations.Skip(half).ToList(), cancellationToken);
                break;
            default:
                if (action == FailureAction.RefreshToken) refreshNext[batch.Target.Name] = true;
                if (action == FailureAction.StopTarget) LogTargetStopped(logger, batch.Target.Name, FailurePolicy.StopReason(result));
                await TransientRetry.RunAsync(() => recorder.ReturnedAsync(batch, result, action, cancellationToken), cancellationToken);
                break;
        }
    }

    async Task<(BulkUploadResult, FailureAction)> SendAsync(ClaimedBatch batch, bool forceRefresh, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await tokens.GetAsync(batch.Target, forceRefresh, cancellationToken);
        }
        catch (MsalServiceException exception) when (CredentialErrors.Contains(exception.ErrorCode))
        {
            var refused = new BulkUploadResult(exception.StatusCode, ErrorCode: exception.ErrorCode,
                Error: $"the identity platform refused the credential: {FirstLine(exception.Message)}");
            return (refused, FailureAction.StopTarget);
        }
        catch (Exception exception) when (exception is MsalException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            var unavailable = new BulkUploadResult(0, Error: $"no token from the identity platform: {FirstLine(exception.Message)}");
            return (unavailable, FailureAction.Transient);
        }

        var result = await client.SendAsync(batch, token, cancellationToken);
        return (result, FailurePolicy.Decide(result, batch.Operations.Count, forceRefresh));
    }

    async Task SendPartAsync(ClaimedBatch previous, IReadOnlyList<ClaimedOperation> part, CancellationToken cancellationToken)
    {
        var waitedSince = time.GetUtcNow();
        while (true)
        {
            var claim = await queue.ReserveAgainAsync(previous, part, cancellationToken);
            switch (claim)
            {
                case ClaimResult.Claimed claimed:
                    await ProcessAsync(claimed.Batch, cancellationToken);
                    return;
                case ClaimResult.Wait wait when time.GetUtcNow() - waitedSince + wait.Delay <= MaxSplitWait:
                    await Task.Delay(wait.Delay, time, cancellationToken);
                    break;
                case ClaimResult.Wait wait:
                    await TransientRetry.RunAsync(
                        () => recorder.ReleaseAsync(previous, part, $"split half waiting for the budget ({wait.Reason}); back in line", cancellationToken),
                        cancellationToken);
                    return;
                default:
                    return;
            }
        }
    }

    /// <summary>This replica is stopping mid-call: the operations go back in line now instead of after their lease.</summary>
    async Task AbandonAsync(ClaimedBatch batch)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await recorder.ReturnedAsync(batch, new BulkUploadResult(0, Error: CallRecorder.Abandoned), FailureAction.Transient, timeout.Token);
        }
        catch (Exception exception)
        {
            LogAbandonFailed(logger, exception, batch.Target.Name, batch.CallId);
        }
    }

    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Target {Target}: call {CallId} with {Operations} operations -> HTTP {Status} ({Action})")]
    static partial void LogCall(ILogger logger, string target, Guid callId, int operations, int status, FailureAction action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Target {Target}: Entra refused the operation of worker {WorkerId} revision {Revision} (HTTP {Status} {ErrorCode}); rejected")]
    static partial void LogRejected(ILogger logger, string target, string workerId, long revision, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Target {Target} stopped: {Reason}. Its changes stay pending; it tries again after Dispatch:StoppedRetryInterval")]
    static partial void LogTargetStopped(ILogger logger, string target, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Target {Target}: call {CallId} failed unexpectedly; its operations go back in line")]
    static partial void LogSendFailed(ILogger logger, Exception exception, string target, Guid callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Target {Target}: could not put the operations of call {CallId} back in line at shutdown; their lease will")]
    static partial void LogAbandonFailed(ILogger logger, Exception exception, string target, Guid callId);
}
