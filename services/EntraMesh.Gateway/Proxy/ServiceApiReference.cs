using Scalar.AspNetCore;

namespace EntraMesh.Gateway.Proxy;

public static class ServiceApiReference
{
    /// <summary>
    /// <c>/api-reference</c>: one browsable reference of every API the gateway routes to (the services' OpenAPI documents,
    /// proxied at <c>/openapi/{service}.json</c>), tried out through the gateway itself.
    /// </summary>
    public static WebApplication MapServiceApiReference(this WebApplication app)
    {
        app.MapScalarApiReference("/api-reference", options => options
            .WithTitle("EntraMesh API")
            .AddDocument("reconciliation", "Reconciliation: where every worker stands", "/openapi/reconciliation.json", isDefault: true)
            .AddDocument("ingest", "Ingest: webhooks and CSV imports", "/openapi/ingest.json")
            .AddDocument("mapping", "Mapping: rules, preview, population preview", "/openapi/mapping.json"));
        return app;
    }
}
