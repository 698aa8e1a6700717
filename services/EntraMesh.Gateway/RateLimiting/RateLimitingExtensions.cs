using System.Globalization;
using System.Threading.RateLimiting;
using EntraMesh.Gateway.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EntraMesh.Gateway.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>Policy for webhook routes: one window per source (the <c>sourceId</c> route value).</summary>
    public const string WebhooksPolicy = "webhooks";

    /// <summary>Policy for operator routes: one window per authenticated principal, else per client address.</summary>
    public const string OperatorsPolicy = "operators";

    public static IHostApplicationBuilder AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(WebhooksPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Webhooks;
                var source = context.Request.RouteValues["sourceId"]?.ToString() ?? "(none)";
                return RateLimitPartition.GetFixedWindowLimiter("source:" + source, _ => Window(settings));
            });
            limiter.AddPolicy(OperatorsPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Operators;
                var client = OperatorPrincipal.Of(context.User) ?? "address:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => Window(settings));
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = "The rate limit for this source or client is exhausted; retry after the time in Retry-After.",
                    },
                });
            };
        });
        return builder;
    }

    static FixedWindowRateLimiterOptions Window(RateLimitOptions.WindowLimit settings) => new()
    {
        PermitLimit = settings.PermitLimit,
        Window = settings.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
