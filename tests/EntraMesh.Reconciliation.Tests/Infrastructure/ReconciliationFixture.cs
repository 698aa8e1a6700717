using EntraMesh.Testing;

namespace EntraMesh.Reconciliation.Tests.Infrastructure;

/// <summary>A database, a virtual host and a running service shared by the tests of one class (each test uses its own workers).</summary>
public class ReconciliationFixture : IsolatedInfrastructure
{
    ReconciliationHost? host;

    public ReconciliationHost Host => host ?? throw new InvalidOperationException("Not started.");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        host = await ReconciliationHost.StartAsync(this);
    }

    public override async ValueTask DisposeAsync()
    {
        if (host is not null) await host.DisposeAsync();
        await base.DisposeAsync();
    }
}
