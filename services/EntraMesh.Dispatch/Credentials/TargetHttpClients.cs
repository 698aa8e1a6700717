using System.Collections.Concurrent;
using EntraMesh.Dispatch.Configuration;
using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch.Credentials;

/// <summary>One HttpClient per target (token endpoint, bulkUpload, provisioning logs), built on its own handler.</summary>
public sealed class TargetHttpClients(IOptions<DispatchOptions> options) : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<HttpClient>> clients = new(StringComparer.OrdinalIgnoreCase);

    public HttpClient For(DispatchTarget target) => clients.GetOrAdd(target.Name, _ => new Lazy<HttpClient>(() =>
        new HttpClient(TargetHttpHandlers.Create(target), disposeHandler: true)
        {
            // Each call carries its own deadline (Dispatch:RequestTimeout); this is only a backstop.
            Timeout = options.Value.RequestTimeout + TimeSpan.FromSeconds(30),
        })).Value;

    public void Dispose()
    {
        foreach (var client in clients.Values.Where(c => c.IsValueCreated)) client.Value.Dispose();
    }
}
