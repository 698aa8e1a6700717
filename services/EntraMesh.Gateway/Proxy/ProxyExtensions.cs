using EntraMesh.Gateway.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Transforms;

namespace EntraMesh.Gateway.Proxy;

public static class ProxyExtensions
{
    /// <summary>Clusters that must never be reachable through the gateway.</summary>
    static readonly string[] Forbidden = ["dispatch", "entra-emulator", "emulator"];

    /// <summary>
    /// YARP with routes and clusters from <c>ReverseProxy</c>. Every forwarded request loses any incoming
    /// <c>X-EntraMesh-Principal</c> header and carries the authenticated caller's instead (none for webhooks).
    /// X-Forwarded-* headers are set (replacing what a client sent) and the trace context travels on. Request lines up to
    /// 64 KiB are read, so that a URL over the forwarded limit gets a problem document (<see cref="UrlLengthLimitMiddleware"/>).
    /// </summary>
    public static IHostApplicationBuilder AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(transforms => transforms.AddRequestTransform(context =>
            {
                context.ProxyRequest.Headers.Remove(OperatorPrincipal.Header);
                var principal = OperatorPrincipal.Of(context.HttpContext.User);
                if (principal is not null) context.ProxyRequest.Headers.TryAddWithoutValidation(OperatorPrincipal.Header, principal);
                return ValueTask.CompletedTask;
            }));
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestLineSize = UrlLengthLimitMiddleware.MaxRequestLine);
        return builder;
    }

    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        var clusters = app.Configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(c => c.Key);
        var forbidden = clusters.Where(c => Forbidden.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (forbidden.Count > 0)
            throw new InvalidOperationException($"ReverseProxy:Clusters:{forbidden[0]} is not allowed: dispatch and the Entra emulator are never routed by the gateway.");

        app.UseMiddleware<UrlLengthLimitMiddleware>();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.MapReverseProxy();
        return app;
    }
}
