using System.Globalization;
using System.Text.RegularExpressions;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>How Entra reads date strings (CDate, DateAdd, DateDiff, NumFromDate): every result is UTC.</summary>
public static partial class EntraDates
{
    static readonly string[] EntraFormats = [Value.DateTimeTextFormat, "M/d/yyyy h:mm tt", "M/d/yyyy H:mm:ss", "M/d/yyyy"];

    /// <summary>Workday's date with an offset and no time: <c>2012-03-16-07:00</c> is midnight at -07:00.</summary>
    [GeneratedRegex(@"^\s*(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:?\d{2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DateWithOffset();

    public static bool TryParse(string text, out DateTime utc)
    {
        var match = DateWithOffset().Match(text);
        if (match.Success
            && DateTimeOffset.TryParseExact(
                $"{match.Groups[1].Value}-{match.Groups[2].Value}-{match.Groups[3].Value}T00:00:00{NormaliseOffset(match.Groups[4].Value)}",
                "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            utc = withOffset.UtcDateTime;
            return true;
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParseExact(text, EntraFormats, CultureInfo.InvariantCulture, styles, out var exact)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out exact))
        {
            utc = exact.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    static string NormaliseOffset(string offset) => offset switch
    {
        "Z" => "+00:00",
        { Length: 5 } => offset[..3] + ":" + offset[3..],
        _ => offset,
    };
}
