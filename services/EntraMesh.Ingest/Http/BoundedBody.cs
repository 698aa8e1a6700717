using Microsoft.AspNetCore.Http.Features;

namespace EntraMesh.Ingest.Http;

/// <summary>Reads or copies a request body while enforcing a byte limit (413 instead of a failure half-way).</summary>
public static class BoundedBody
{
    /// <summary>Raises or lowers the server's own limit for this request to <paramref name="limit"/>.</summary>
    public static void ApplyLimit(HttpContext context, long limit)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
    }

    /// <summary>Copies the body into <paramref name="destination"/>; false when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<bool> CopyAsync(Stream body, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > limit) return false;
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false;
        }

        return true;
    }

    public static bool DeclaredTooLarge(HttpRequest request, long limit) => request.ContentLength is { } length && length > limit;
}
