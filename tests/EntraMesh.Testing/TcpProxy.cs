using System.Net;
using System.Net.Sockets;

namespace EntraMesh.Testing;

/// <summary>
/// A TCP forwarder on 127.0.0.1 that a test can cut and restore, to make PostgreSQL or RabbitMQ unreachable for one
/// service without stopping the server every other test uses.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    readonly IPEndPoint target;
    readonly List<TcpClient> connections = [];
    readonly Lock gate = new();
    TcpListener? listener;
    CancellationTokenSource? running;

    public TcpProxy(string targetHost, int targetPort)
    {
        target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public bool IsRunning => listener is not null;

    public void Start()
    {
        if (listener is not null) return;
        running = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _ = AcceptAsync(listener, running.Token);
    }

    /// <summary>Refuses new connections and cuts the open ones.</summary>
    public void Stop()
    {
        running?.Cancel();
        listener?.Stop();
        listener = null;
        lock (gate)
        {
            foreach (var connection in connections) connection.Dispose();
            connections.Clear();
        }
    }

    async Task AcceptAsync(TcpListener server, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await server.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception)
            {
                return;
            }

            _ = PipeAsync(inbound, cancellationToken);
        }
    }

    async Task PipeAsync(TcpClient inbound, CancellationToken cancellationToken)
    {
        var outbound = new TcpClient();
        lock (gate)
        {
            connections.Add(inbound);
            connections.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(target, cancellationToken);
            var a = inbound.GetStream().CopyToAsync(outbound.GetStream(), cancellationToken);
            var b = outbound.GetStream().CopyToAsync(inbound.GetStream(), cancellationToken);
            await Task.WhenAny(a, b);
        }
        catch (Exception)
        {
            // a cut connection ends here
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
