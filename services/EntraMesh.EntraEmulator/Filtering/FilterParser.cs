using System.Globalization;

namespace EntraMesh.EntraEmulator.Filtering;

/// <summary>
/// Parses the OData <c>$filter</c> subset Graph's audit-log and user endpoints accept: comparisons
/// (<c>eq ne gt ge lt le</c>), <c>and</c>, <c>or</c>, <c>not</c>, parentheses, and <c>contains</c>/<c>startswith</c>/<c>endswith</c>.
/// Property paths use <c>/</c> (<c>sourceIdentity/id</c>); string literals are single-quoted (<c>''</c> escapes a quote);
/// date-times are unquoted (<c>2022-10-10T09:47:34Z</c>). Keywords are case-insensitive.
/// </summary>
public sealed class FilterParser
{
    static readonly string[] Functions = ["contains", "startswith", "endswith"];

    readonly string text;
    int position;

    FilterParser(string text) => this.text = text;

    public static FilterExpression Parse(string filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) throw new FilterException("Invalid filter clause: the filter is empty.");
        if (filter.Length > 4096) throw new FilterException("Invalid filter clause: the filter is longer than 4096 characters.");
        var parser = new FilterParser(filter);
        var expression = parser.ParseOr(depth: 0);
        parser.SkipSpaces();
        if (parser.position < filter.Length)
        {
            throw new FilterException($"Invalid filter clause: unexpected '{filter[parser.position..]}' at position {parser.position}.");
        }

        return expression;
    }

    FilterExpression ParseOr(int depth)
    {
        var left = ParseAnd(depth);
        while (TryKeyword("or")) left = new OrExpression(left, ParseAnd(depth));
        return left;
    }

    FilterExpression ParseAnd(int depth)
    {
        var left = ParseUnary(depth);
        while (TryKeyword("and")) left = new AndExpression(left, ParseUnary(depth));
        return left;
    }

    FilterExpression ParseUnary(int depth)
    {
        if (depth > 32) throw new FilterException("Invalid filter clause: nested too deeply.");
        if (TryKeyword("not")) return new NotExpression(ParseUnary(depth + 1));
        SkipSpaces();
        if (TryChar('('))
        {
            var inner = ParseOr(depth + 1);
            Expect(')');
            return inner;
        }

        var name = ReadIdentifier();
        var function = Functions.FirstOrDefault(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase));
        SkipSpaces();
        if (function is not null && TryChar('('))
        {
            var property = ReadIdentifier();
            Expect(',');
            var argument = ReadLiteral();
            Expect(')');
            if (argument.Kind != FilterLiteralKind.String) throw new FilterException($"Invalid filter clause: {function} needs a quoted string.");
            return new FunctionExpression(function, property, argument);
        }

        var operatorName = ReadIdentifier();
        var comparison = operatorName.ToLowerInvariant() switch
        {
            "eq" => ComparisonOperator.Eq,
            "ne" => ComparisonOperator.Ne,
            "gt" => ComparisonOperator.Gt,
            "ge" => ComparisonOperator.Ge,
            "lt" => ComparisonOperator.Lt,
            "le" => ComparisonOperator.Le,
            _ => throw new FilterException($"Invalid filter clause: '{operatorName}' is not a supported operator (eq, ne, gt, ge, lt, le)."),
        };
        return new ComparisonExpression(name, comparison, ReadLiteral());
    }

    FilterLiteral ReadLiteral()
    {
        SkipSpaces();
        if (position >= text.Length) throw new FilterException("Invalid filter clause: a value is missing at the end.");
        if (text[position] == '\'') return new FilterLiteral(FilterLiteralKind.String, ReadQuoted());

        var start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] is not (')' or ',' or '(')) position++;
        var token = text[start..position];
        if (token.Length == 0) throw new FilterException($"Invalid filter clause: a value is missing at position {start}.");
        if (string.Equals(token, "null", StringComparison.OrdinalIgnoreCase)) return new FilterLiteral(FilterLiteralKind.Null, "null");
        if (string.Equals(token, "true", StringComparison.OrdinalIgnoreCase)) return new FilterLiteral(FilterLiteralKind.Boolean, "true", Flag: true);
        if (string.Equals(token, "false", StringComparison.OrdinalIgnoreCase)) return new FilterLiteral(FilterLiteralKind.Boolean, "false", Flag: false);
        if (token.Contains('T') && TryParseTime(token, out var time)) return new FilterLiteral(FilterLiteralKind.DateTime, token, time);
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return new FilterLiteral(FilterLiteralKind.Number, token);
        throw new FilterException($"Invalid filter clause: '{token}' is not a value (quote strings: '...'; date-times look like 2022-10-10T09:47:34Z).");
    }

    public static bool TryParseTime(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    string ReadQuoted()
    {
        position++; // opening quote
        var builder = new System.Text.StringBuilder();
        while (position < text.Length)
        {
            var c = text[position++];
            if (c != '\'')
            {
                builder.Append(c);
                continue;
            }

            if (position < text.Length && text[position] == '\'')
            {
                builder.Append('\'');
                position++;
                continue;
            }

            return builder.ToString();
        }

        throw new FilterException("Invalid filter clause: a quoted string is not closed.");
    }

    string ReadIdentifier()
    {
        SkipSpaces();
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '/' or '_' or '.' or '@' or '$')) position++;
        if (position == start)
        {
            throw new FilterException(position < text.Length
                ? $"Invalid filter clause: unexpected '{text[position]}' at position {position}."
                : "Invalid filter clause: the filter ends too early.");
        }

        return text[start..position];
    }

    bool TryKeyword(string keyword)
    {
        SkipSpaces();
        var end = position + keyword.Length;
        if (end > text.Length || !text.AsSpan(position, keyword.Length).Equals(keyword, StringComparison.OrdinalIgnoreCase)) return false;
        if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) return false;
        position = end;
        return true;
    }

    bool TryChar(char expected)
    {
        SkipSpaces();
        if (position >= text.Length || text[position] != expected) return false;
        position++;
        return true;
    }

    void Expect(char expected)
    {
        if (!TryChar(expected)) throw new FilterException($"Invalid filter clause: '{expected}' expected at position {position}.");
    }

    void SkipSpaces()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
    }
}
