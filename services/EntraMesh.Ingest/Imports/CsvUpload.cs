using System.Text;
using EntraMesh.Ingest.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EntraMesh.Ingest.Imports;

/// <summary>
/// Takes the CSV out of a request (raw <c>text/csv</c> or the first file of a <c>multipart/form-data</c> form) and
/// writes it to the spool file while checking size and UTF-8, in constant memory.
/// </summary>
public static class CsvUpload
{
    public enum Outcome { Spooled, UnsupportedMediaType, TooLarge, BadRequest }

    public static async Task<(Outcome Outcome, string? FileName, string? Problem)> SpoolAsync(
        HttpRequest request, string path, long limit, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !media.MediaType.HasValue)
            return (Outcome.UnsupportedMediaType, null, null);
        var type = media.MediaType.Value!;
        if (BoundedBody.DeclaredTooLarge(request, limit + 64 * 1024)) return (Outcome.TooLarge, null, null);

        if (type.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || type.Equals("application/csv", StringComparison.OrdinalIgnoreCase))
        {
            return await CopyAsync(request.Body, path, limit, null, cancellationToken);
        }

        if (!type.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)) return (Outcome.UnsupportedMediaType, null, null);
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return (Outcome.BadRequest, null, "The multipart/form-data request has no boundary.");
        if (boundary.Length > MaxBoundaryLength)
            return (Outcome.BadRequest, null, $"The multipart/form-data boundary is longer than {MaxBoundaryLength} characters (RFC 2046).");

        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()) continue;
                var fileName = SafeFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                return await CopyAsync(section.Body, path, limit, fileName, cancellationToken);
            }
        }
        catch (InvalidDataException exception)
        {
            return (Outcome.BadRequest, null, $"The multipart/form-data body is malformed: {exception.Message}");
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // MultipartReader's "Unexpected end of Stream": the body stopped before its closing boundary.
            return (Outcome.BadRequest, null, "The multipart/form-data body ends before its closing boundary.");
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (Outcome.TooLarge, null, null);
        }

        return (Outcome.BadRequest, null, "The multipart/form-data body has no file part; attach the CSV as a file (e.g. curl -F file=@workers.csv).");
    }

    /// <summary>RFC 2046: a boundary has 1 to 70 characters.</summary>
    const int MaxBoundaryLength = 70;

    const int MaxFileNameLength = 255;

    /// <summary>
    /// The client's file name is only kept for display: its last path segment, without control characters (a NUL
    /// cannot be stored; an unpaired surrogate becomes U+FFFD), at most 255 characters; null when nothing is left. The spool file is named by the import id.
    /// </summary>
    internal static string? SafeFileName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName)) return null;
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = string.Concat(name.EnumerateRunes().Where(rune => !Rune.IsControl(rune)).Select(rune => rune.ToString())).Trim();
        if (name.Length > MaxFileNameLength) name = name[..MaxFileNameLength];
        return name.Length == 0 ? null : name;
    }

    static async Task<(Outcome, string?, string?)> CopyAsync(Stream body, string path, long limit, string? fileName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 65536, FileOptions.Asynchronous);
        await using var validating = new Utf8ValidatingStream(file);
        if (!await BoundedBody.CopyAsync(body, validating, limit, cancellationToken)) return (Outcome.TooLarge, fileName, null);
        validating.Complete();
        if (validating.InvalidAt is { } offset)
            return (Outcome.BadRequest, fileName, $"The file is not valid UTF-8 (first invalid byte near offset {offset}). Save it as UTF-8, with or without BOM.");
        return (Outcome.Spooled, fileName, null);
    }
}
