using EntraMesh.Reconciliation.Api.Listing;
using EntraMesh.Reconciliation.Api.Replay;
using EntraMesh.Reconciliation.Api.Summary;
using EntraMesh.Reconciliation.Api.Workers;

namespace EntraMesh.Reconciliation.Api;

public static class ReconciliationApi
{
    public const string Prefix = "/api/reconciliation";

    /// <summary>The ops API under <c>/api/reconciliation</c> (reached through the gateway).</summary>
    public static WebApplication MapReconciliationApi(this WebApplication app)
    {
        app.MapGroup(Prefix)
            .WithTags("Reconciliation")
            .AddEndpointFilter<ReadModelUnavailableFilter>()
            .MapWorker()
            .MapLists()
            .MapSummary()
            .MapReplay();
        return app;
    }
}
