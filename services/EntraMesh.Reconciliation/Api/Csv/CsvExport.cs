using System.Text;

namespace EntraMesh.Reconciliation.Api.Csv;

/// <summary>Streams rows as a CSV download (UTF-8, header row, CRLF line ends).</summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static IResult Stream<T>(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, IEnumerable<object?>> cells) =>
        Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024);
            await writer.WriteAsync(CsvCell.Row(header));
            await foreach (var row in rows) await writer.WriteAsync(CsvCell.Row(cells(row)));
        }, ContentType, fileName);

    /// <summary>Letters, digits, dot, dash and underscore only (ids end up in the download's file name).</summary>
    public static string SafeFileName(string value) =>
        new(value.Take(64).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
}
