using Npgsql;

namespace EntraMesh.Reconciliation.Api;

/// <summary>PostgreSQL unreachable or too slow: 503 with a problem document (retry later), not a 500.</summary>
public sealed partial class ReadModelUnavailableFilter(ILogger<ReadModelUnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (exception is NpgsqlException { IsTransient: true } or TimeoutException && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(logger, exception, context.HttpContext.Request.Path);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Read model unavailable",
                detail: "The reconciliation database did not answer; try again shortly.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read model unavailable for {Path}")]
    static partial void LogUnavailable(ILogger logger, Exception exception, string path);
}
