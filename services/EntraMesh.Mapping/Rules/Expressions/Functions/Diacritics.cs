using System.Globalization;
using System.Text;

namespace EntraMesh.Mapping.Rules.Expressions.Functions;

/// <summary>
/// NormalizeDiacritics as Entra's table defines it: accents and other combining marks are dropped (é → e, ǟ → a,
/// ṉ → n), and the letters the table maps to more than one letter or to another letter are spelled out
/// (æ → ae, ø → oe, ß → ss, ł → l, ı → i).
/// </summary>
internal static class Diacritics
{
    static readonly Dictionary<char, string> Letters = new()
    {
        ['æ'] = "ae", ['ǣ'] = "ae", ['Æ'] = "AE", ['Ǣ'] = "AE",
        ['ø'] = "oe", ['Ø'] = "OE", ['œ'] = "oe", ['Œ'] = "OE",
        ['ß'] = "ss",
        ['ł'] = "l", ['Ł'] = "L",
        ['ı'] = "i",
    };

    public static string Normalize(string source)
    {
        if (IsAscii(source)) return source;

        var decomposed = source.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (Letters.TryGetValue(c, out var replacement)) builder.Append(replacement);
            else builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7F) return false;
        }

        return true;
    }
}
