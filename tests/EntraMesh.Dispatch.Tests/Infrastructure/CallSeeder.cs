using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Sending;

namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>
/// Calls made without the sender loop or Entra: a plan stored through <see cref="PendingSeeder"/>, its call reserved
/// through the service's <see cref="BatchQueue"/> and answered through its <see cref="CallRecorder"/>.
/// </summary>
internal static class CallSeeder
{
    public static async Task<ClaimedBatch> ClaimAsync(DispatchHost dispatch, DispatchTarget target, IdentityChangePlanned plan)
    {
        await PendingSeeder.SeedAsync(dispatch, [plan]);
        return Assert.IsType<ClaimResult.Claimed>(await dispatch.Get<BatchQueue>().ClaimAsync(target, CancellationToken.None)).Batch;
    }

    /// <summary>A call Entra accepted (202).</summary>
    public static async Task<ClaimedBatch> AcceptedAsync(DispatchHost dispatch, DispatchTarget target, IdentityChangePlanned plan)
    {
        var batch = await ClaimAsync(dispatch, target, plan);
        await dispatch.Get<CallRecorder>().AcceptedAsync(batch, new BulkUploadResult(202), CancellationToken.None);
        return batch;
    }
}
