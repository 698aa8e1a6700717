using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Sending;
using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// The batcher of one target in this replica. A loop decides when to take a batch (<see cref="BatchTrigger"/>)
/// and reserves it (<see cref="BatchQueue"/>); up to <c>Dispatch:MaxConcurrentCalls</c> reserved calls are sent at
/// once; with a backlog, one reservation may take up to <c>Dispatch:MaxCallsPerClaim</c> full calls when that many are free.
/// <c>Dispatch:ConcurrentClaims</c> loops run side by side, sharing those calls, as replicas do. When the budgets say
/// wait, it sleeps until the window opens (woken early when a call finishes, since an
/// answered call may free room sooner). It also puts back operations whose lease ran out.
/// </summary>
public sealed partial class TargetDispatcher(
    BatchQueue queue,
    BatchSender sender,
    CallRecorder recorder,
    PendingSignals signals,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<TargetDispatcher> logger)
{
    /// <summary>While the batch window is open the line is looked at this often, so a batch that fills is sent at once.</summary>
    static readonly TimeSpan FillCheck = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// While only movers and updates wait (for up to a minute), the line is looked at when a change arrives, and at least
    /// this often (a change stored by another replica, or one that arrived just before the wait began).
    /// </summary>
    static readonly TimeSpan RoutineCheck = TimeSpan.FromMilliseconds(250);

    /// <summary>Budget waits shorter than this are slept through without waking for finished calls.</summary>
    static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(1);

    public Task RunAsync(DispatchTarget target, CancellationToken stoppingToken)
    {
        var lanes = new SemaphoreSlim(options.Value.MaxConcurrentCalls);
        return Task.WhenAll(Enumerable.Range(0, options.Value.ConcurrentClaims).Select(_ => RunLoopAsync(target, lanes, stoppingToken)));
    }

    async Task RunLoopAsync(DispatchTarget target, SemaphoreSlim lanes, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var timing = BatchTiming.From(settings);
        var running = new List<Task>();
        var arrived = signals.Arrived(target.Name);
        var finished = signals.Finished(target.Name);
        WakeSignal[] either = [arrived, finished];
        var nextRecovery = DateTimeOffset.MinValue;
        var failures = 0;
        var backlog = false; // a full batch is known to be waiting: claim again without looking first

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await lanes.WaitAsync(stoppingToken);
                var laneTaken = true;
                try
                {
                    if (time.GetUtcNow() >= nextRecovery)
                    {
                        var recovered = await recorder.RecoverExpiredLeasesAsync(target, stoppingToken);
                        if (recovered > 0) LogRecovered(logger, target.Name, recovered);
                        nextRecovery = time.GetUtcNow() + settings.PollInterval;
                    }

                    // With a backlog known, claim a full batch straight away (one round trip less per call); a line that
                    // has run short is looked at first, so a partial batch still waits for its window. A full batch known
                    // or seen waiting is claimed as a full one or not at all: the claim skips what another replica's claim
                    // holds, and a partial batch taken from the rest would spend a call of the budget on fewer operations
                    // than it can carry (the line is looked at again instead).
                    TimeSpan? due = TimeSpan.Zero;
                    var routine = false;
                    if (!backlog)
                    {
                        var peek = await queue.PeekAsync(target, stoppingToken);
                        backlog = peek.Waiting >= settings.MaxOperationsPerCall;
                        routine = peek.Urgent == 0;
                        due = BatchTrigger.Decide(peek, timing);
                    }

                    if (due is null)
                    {
                        // Nothing may go: the line is empty, or its workers all have a change in flight.
                        Release(lanes, ref laneTaken);
                        await WakeSignal.WaitAnyAsync(either, settings.PollInterval, time, stoppingToken);
                        continue;
                    }

                    if (due > TimeSpan.Zero)
                    {
                        Release(lanes, ref laneTaken);
                        if (routine && due.Value > FillCheck)
                        {
                            await arrived.WaitAsync(due.Value < RoutineCheck ? due.Value : RoutineCheck, time, stoppingToken);
                        }
                        else
                        {
                            await Task.Delay(due.Value < FillCheck ? due.Value : FillCheck, time, stoppingToken);
                        }

                        continue;
                    }

                    // With a backlog, free lanes let one reservation take several full calls.
                    var extraLanes = 0;
                    while (backlog && extraLanes < settings.MaxCallsPerClaim - 1 && lanes.Wait(0)) extraLanes++;
                    ClaimResult claim;
                    try
                    {
                        claim = await queue.ClaimAsync(target, stoppingToken, onlyFull: backlog, maxCalls: 1 + extraLanes);
                    }
                    catch
                    {
                        if (extraLanes > 0) lanes.Release(extraLanes);
                        throw;
                    }

                    // Those lanes carry the further calls reserved; the others go back.
                    var further = claim is ClaimResult.Claimed reserved ? reserved.Batches.Count - 1 : 0;
                    if (extraLanes > further) lanes.Release(extraLanes - further);

                    if (backlog && claim is ClaimResult.Empty)
                    {
                        backlog = false;
                        Release(lanes, ref laneTaken);
                        continue;
                    }

                    // Still a backlog after a full batch, or after the budgets said wait while one was waiting.
                    backlog = claim switch
                    {
                        ClaimResult.Claimed taken => taken.Batches[^1].Operations.Count == settings.MaxOperationsPerCall,
                        ClaimResult.Wait => backlog,
                        _ => false,
                    };
                    switch (claim)
                    {
                        case ClaimResult.Claimed claimed:
                            // Each call holds a lane until it is done: the one taken above, and one taken for each further call.
                            laneTaken = false;
                            running.RemoveAll(task => task.IsCompleted);
                            foreach (var batch in claimed.Batches) running.Add(SendAsync(batch, lanes, finished, stoppingToken));
                            break;
                        case ClaimResult.Wait wait:
                            Release(lanes, ref laneTaken);
                            LogWaiting(logger, target.Name, wait.Reason, wait.Delay.TotalMilliseconds);
                            if (wait.LeaversMayGo)
                            {
                                // Only a reserve is left: a leaver arriving meanwhile goes at once.
                                await WakeSignal.WaitAnyAsync(either, wait.Delay < settings.PollInterval ? wait.Delay : settings.PollInterval, time, stoppingToken);
                            }
                            else if (wait.Delay < ShortWait)
                            {
                                // The window opens soon, at a time set by answered calls: be there on time.
                                await Task.Delay(wait.Delay, time, stoppingToken);
                            }
                            else
                            {
                                // A long wait may be set by a call still in flight (counted until its timeout): its answer
                                // may open the window sooner.
                                await finished.WaitAsync(wait.Delay < settings.PollInterval ? wait.Delay : settings.PollInterval, time, stoppingToken);
                            }

                            break;
                        default:
                            Release(lanes, ref laneTaken);
                            await WakeSignal.WaitAnyAsync(either, settings.PollInterval, time, stoppingToken);
                            break;
                    }

                    failures = 0;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    Release(lanes, ref laneTaken);
                    backlog = false;
                    failures++;
                    var delay = Backoff.Delay(failures, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), Random.Shared);
                    LogLoopFailed(logger, exception, target.Name, delay.TotalMilliseconds);
                    await Task.Delay(delay, time, stoppingToken);
                }
                finally
                {
                    if (laneTaken) lanes.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }

        await Task.WhenAll(running);
    }

    async Task SendAsync(ClaimedBatch batch, SemaphoreSlim lanes, WakeSignal finished, CancellationToken stoppingToken)
    {
        try
        {
            await sender.ProcessAsync(batch, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the sender put the operations back in line
        }
        catch (Exception exception)
        {
            // Recording the answer failed (the database is away): the lease brings the operations back.
            LogSendFailed(logger, exception, batch.Target.Name, batch.CallId);
        }
        finally
        {
            lanes.Release();
            finished.Notify();
        }
    }

    static void Release(SemaphoreSlim lanes, ref bool taken)
    {
        if (!taken) return;
        lanes.Release();
        taken = false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Target {Target}: waiting ({Reason}) for {DelayMs} ms")]
    static partial void LogWaiting(ILogger logger, string target, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Target {Target}: {Count} operations whose call's lease ran out are back in line")]
    static partial void LogRecovered(ILogger logger, string target, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Target {Target}: batching failed; retrying in {DelayMs} ms")]
    static partial void LogLoopFailed(ILogger logger, Exception exception, string target, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Target {Target}: call {CallId} could not be completed; its operations return when their lease ends")]
    static partial void LogSendFailed(ILogger logger, Exception exception, string target, Guid callId);
}
