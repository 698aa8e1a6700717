using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Gateway.Tests;

/// <summary>A small real HTTP backend on a dynamic port that records what the gateway forwarded to it.</summary>
public sealed class EchoBackend : IAsyncDisposable
{
    readonly WebApplication app;

    EchoBackend(WebApplication app, string name)
    {
        this.app = app;
        Name = name;
    }

    public string Name { get; }
    public Uri Address { get; private set; } = null!;
    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(string Method, string Path, IReadOnlyDictionary<string, string> Headers, long BodyLength);

    public static async Task<EchoBackend> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var backend = new EchoBackend(app, name);
        app.Run(async context =>
        {
            long length = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0) length += read;
            backend.Requests.Enqueue(new Received(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                length));
            context.Response.StatusCode = StatusCodes.Status200OK;
            await context.Response.WriteAsync($"{name}:{context.Request.Path}");
        });
        await app.StartAsync();
        backend.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return backend;
    }

    public Received Last => Requests.Last();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
