using System.Globalization;

namespace EntraMesh.Ingest.SqlPolling;

/// <summary>A watermark value stored as text with its PostgreSQL type, so it is passed back with the same type.</summary>
public static class SqlWatermark
{
    public static string ToText(object value) => value switch
    {
        DateTime dateTime => dateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static object FromText(string text, string type) => type switch
    {
        "timestamp with time zone" => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(),
        "timestamp without time zone" => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), DateTimeKind.Unspecified),
        "date" => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        "bigint" or "integer" or "smallint" => long.Parse(text, CultureInfo.InvariantCulture),
        "numeric" => decimal.Parse(text, CultureInfo.InvariantCulture),
        _ => text,
    };

    /// <summary>A column value as an attribute string (invariant culture, ISO 8601 dates), or null.</summary>
    public static string? AttributeText(object value) => value switch
    {
        DBNull => null,
        string text => text,
        DateTime dateTime => dateTime.Kind == DateTimeKind.Unspecified
            ? dateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
            : dateTime.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
