using System.Globalization;

namespace EntraMesh.Reconciliation.Api.Csv;

/// <summary>
/// One CSV cell (RFC 4180), safe to open in a spreadsheet: a value starting with <c>= + - @</c>, a tab or a carriage
/// return would be read as a formula (CSV injection), so it is prefixed with a single quote, which spreadsheets show
/// as text. Values with separators, quotes or line breaks are quoted.
/// </summary>
public static class CsvCell
{
    public static string Format(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable<string> list => string.Join(';', list),
            _ => value.ToString() ?? "",
        };

        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string Row(IEnumerable<object?> values) => string.Join(',', values.Select(Format)) + "\r\n";
}
