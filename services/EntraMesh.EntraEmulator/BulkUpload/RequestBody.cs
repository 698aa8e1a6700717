using System.Buffers;

namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>Reads a request body into a pooled buffer, refusing bodies over a limit.</summary>
internal static class RequestBody
{
    /// <summary>The body in a rented buffer (return it to <see cref="ArrayPool{T}.Shared"/>), or a null buffer when it is over <paramref name="limit"/> bytes.</summary>
    public static async Task<(byte[]? Buffer, int Length)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var initial = request.ContentLength is > 0 and var declared && declared <= limit ? (int)declared + 1 : Math.Min(limit + 1, 64 * 1024);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit) break;
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0) return (buffer, length);
                length += read;
                if (length > limit) break;
            }
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return (null, 0);
    }
}
