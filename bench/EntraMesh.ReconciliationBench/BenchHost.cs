using EntraMesh.Hosting;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Reconciliation;
using EntraMesh.Reconciliation.Api;
using EntraMesh.Reconciliation.Projection;
using EntraMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EntraMesh.ReconciliationBench;

/// <summary>The reconciliation service wired exactly as its Program does, on Kestrel at a free port.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    readonly WebApplication app;

    BenchHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<BenchHost> StartAsync(IsolatedInfrastructure infrastructure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "EntraMesh.Reconciliation", EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = infrastructure.PostgresConnectionString,
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
            ["Messaging:WaitUntilStarted"] = "true",
            ["ENTRAMESH_SECRETS_DIR"] = "/nonexistent",
        });

        // As Program.cs does.
        builder.AddServiceDefaults();
        builder.AddServiceDatabase("reconciliation", typeof(ReconciliationOptions).Assembly);
        builder.AddMessaging(bus => bus.AddReconciliationProjection());
        builder.AddReconciliation();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapReconciliationApi();
        await app.StartAsync();
        return new BenchHost(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
