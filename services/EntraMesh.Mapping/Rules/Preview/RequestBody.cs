using System.Text;
using Microsoft.Net.Http.Headers;

namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>Reads a request body as UTF-8 text within a size limit; every refusal is a problem document naming the reason.</summary>
internal static class RequestBody
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool HasMediaType(HttpRequest request, params string[] accepted)
    {
        if (string.IsNullOrEmpty(request.ContentType)) return true;
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && accepted.Any(type => mediaType.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<(string? Text, IResult? Problem)> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }

        try
        {
            var text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return (text.TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.BadRequest("The body is not text", "The body must be UTF-8 text."));
        }
    }

    static IResult TooLarge(int maxBytes) => TypedResults.Problem(
        title: "The body is too large",
        detail: $"The body is larger than {maxBytes:N0} bytes (Rules:MaxRequestBytes).",
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
