using Microsoft.AspNetCore.Http.Features;

namespace EntraMesh.Gateway.Proxy;

/// <summary>
/// Answers 414 with problem details when the request target (path and query) is longer than <see cref="MaxLength"/>
/// characters, before anything is forwarded. The services' own servers accept request lines of 8 KiB and would
/// otherwise refuse a longer one with a bare 414 that says nothing; the gateway's server accepts request lines up to
/// <see cref="MaxRequestLine"/> so that this middleware sees them (longer ones are refused by the server itself, without
/// a body, before any application code runs).
/// </summary>
public sealed class UrlLengthLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    /// <summary>The longest request target forwarded: below the services' 8 KiB request-line limit, with room for the method and protocol.</summary>
    public const int MaxLength = 8000;

    /// <summary>The gateway server's request-line limit (Kestrel's MaxRequestLineSize).</summary>
    public const int MaxRequestLine = 64 * 1024;

    /// <summary>The request target as the client sent it; rebuilt from the path and query where the server keeps no raw target.</summary>
    static int TargetLength(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(raw)) return raw.Length;
        return context.Request.PathBase.ToUriComponent().Length + context.Request.Path.ToUriComponent().Length + (context.Request.QueryString.Value?.Length ?? 0);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var length = TargetLength(context);
        if (length <= MaxLength)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status414UriTooLong;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status414UriTooLong,
                Title = "The URL is too long.",
                Detail = $"The path and query are {length} characters long; the limit is {MaxLength}. Send fewer or shorter query parameters (a paging cursor comes from the previous page).",
            },
        });
    }
}
