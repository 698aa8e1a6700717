using System.Text;
using EntraMesh.Ingest.Records;
using EntraMesh.Ingest.Sources;
using nietras.SeparatedValues;

namespace EntraMesh.Ingest.Imports;

/// <summary>
/// Streams a CSV file (RFC 4180 quoting, UTF-8 with or without BOM) row by row with Sep, in constant memory. Empty
/// fields become null. A row whose field count differs from the header is reported as a row error, not a failure.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    readonly StreamReader text;
    readonly SepReader reader;
    readonly string[] columns;

    CsvRowReader(StreamReader text, SepReader reader)
    {
        this.text = text;
        this.reader = reader;
        columns = [.. reader.Header.ColNames];
    }

    public IReadOnlyList<string> Columns => columns;

    /// <summary>Opens the file and checks its header against the source; a problem is a 400 detail naming it.</summary>
    public static (CsvRowReader? Reader, string? Problem) Open(string path, SourceOptions source)
    {
        var text = new StreamReader(File.OpenRead(path), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 65536);
        SepReader sep;
        try
        {
            sep = Sep.New(',').Reader(options => options with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(text);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidDataException or DecoderFallbackException)
        {
            text.Dispose();
            return (null, exception is ArgumentException && exception.Message.StartsWith("Col name", StringComparison.Ordinal)
                ? $"The CSV header names a column more than once: {exception.Message}"
                : $"The CSV header cannot be read: {exception.Message}");
        }

        var reader = new CsvRowReader(text, sep);
        var problem = CheckHeader(reader.columns, source);
        if (problem is null) return (reader, null);
        reader.Dispose();
        return (null, problem);
    }

    static string? CheckHeader(string[] columns, SourceOptions source)
    {
        if (columns.Length == 0 || columns is [""]) return "The CSV file is empty: the first line must be a header naming the columns.";
        var empty = Array.FindIndex(columns, string.IsNullOrWhiteSpace);
        if (empty >= 0) return $"The CSV header has an empty column name at position {empty + 1}.";
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) return $"The CSV header names column '{duplicate.Key}' more than once.";
        var attributeNames = columns.Select(c => source.Aliases.TryGetValue(c, out var alias) ? alias : c);
        if (!attributeNames.Contains(source.WorkerIdField, StringComparer.Ordinal))
            return $"The CSV header has no column '{source.WorkerIdField}', the worker id field of source '{source.Id}'. Columns found: {string.Join(", ", columns.Take(30))}.";
        return null;
    }

    /// <summary>Skips rows already committed by an earlier run of this import.</summary>
    public long Skip(long rows)
    {
        long skipped = 0;
        while (skipped < rows && reader.MoveNext()) skipped++;
        return skipped;
    }

    /// <summary>Reads up to <paramref name="count"/> rows into <paramref name="chunk"/>; rows whose field count is wrong go to <paramref name="malformed"/>.</summary>
    public int ReadChunk(int count, long firstPosition, List<SourceRecord> chunk, List<RecordRejection> malformed)
    {
        var read = 0;
        try
        {
            while (read < count && reader.MoveNext())
            {
                var row = reader.Current;
                var position = firstPosition + read;
                read++;
                if (row.ColCount != columns.Length)
                {
                    malformed.Add(new RecordRejection(position, row.LineNumberFrom, null, null,
                        $"The row has {row.ColCount} fields; the header has {columns.Length}."));
                    continue;
                }

                var fields = new Dictionary<string, string?>(columns.Length, StringComparer.Ordinal);
                for (var i = 0; i < columns.Length; i++)
                {
                    var value = row[i].Span;
                    fields[columns[i]] = value.IsEmpty ? null : value.ToString();
                }

                chunk.Add(new SourceRecord(null, fields, false, position, row.LineNumberFrom));
            }
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"The file is not valid UTF-8 near data row {firstPosition + read}.");
        }

        return read;
    }

    public void Dispose()
    {
        reader.Dispose();
        text.Dispose();
    }
}
