namespace EntraMesh.Gateway.Tests;

/// <summary>Three echo backends (ingest, mapping, reconciliation) and a gateway in front of them.</summary>
public class GatewayFixture : IAsyncLifetime
{
    public EchoBackend Ingest { get; private set; } = null!;
    public EchoBackend Mapping { get; private set; } = null!;
    public EchoBackend Reconciliation { get; private set; } = null!;
    public GatewayFactory Gateway { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync()
    {
        Ingest = await EchoBackend.StartAsync("ingest");
        Mapping = await EchoBackend.StartAsync("mapping");
        Reconciliation = await EchoBackend.StartAsync("reconciliation");
        Gateway = new GatewayFactory(Ingest, Mapping, Reconciliation, Settings);
        Client = Gateway.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        await Ingest.DisposeAsync();
        await Mapping.DisposeAsync();
        await Reconciliation.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
