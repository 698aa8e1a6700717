using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace EntraMesh.Gateway.Proxy;

/// <summary>
/// Answers 413 with problem details when a request body exceeds its route's <c>MaxRequestBodySize</c>: at once when
/// Content-Length declares it, and when a chunked body runs over the limit while it is forwarded.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.MaxRequestBodySize;
        if (limit is > 0 && context.Request.ContentLength > limit)
        {
            await WriteTooLargeAsync(context, limit.Value);
            return;
        }

        await next(context);

        var error = context.Features.Get<IForwarderErrorFeature>();
        if (limit is > 0 && error?.Error == ForwarderError.RequestBodyClient && !context.Response.HasStarted
            && error.Exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            await WriteTooLargeAsync(context, limit.Value);
        }
    }

    Task WriteTooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = $"The body exceeds the limit of {limit} bytes for this route.",
            },
        }).AsTask();
    }
}
