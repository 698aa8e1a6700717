using System.Globalization;
using System.Text;
using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions.Functions;

/// <summary>Append, Join, Left, Mid, InStr, Word, StripSpaces, ToLower, ToUpper, PCase, NormalizeDiacritics, ConvertTo*.</summary>
internal static class TextFunctions
{
    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new() { Name = "Append", Signature = "Append(source, suffix)", MinArguments = 2, MaxArguments = 2, Body = Append },
        new() { Name = "Join", Signature = "Join(separator, source1, source2, ...)", MinArguments = 2, MaxArguments = FunctionDefinition.Unbounded, Body = Join },
        new() { Name = "Left", Signature = "Left(String, NumChars)", MinArguments = 2, MaxArguments = 2, Body = Left },
        new() { Name = "Mid", Signature = "Mid(source, start, length)", MinArguments = 3, MaxArguments = 3, Body = Mid, Check = CheckMid },
        new() { Name = "InStr", Signature = "InStr(value1, value2, start, compareType)", MinArguments = 2, MaxArguments = 4, Body = InStr, Check = CheckInStr },
        new() { Name = "Word", Signature = "Word(String, WordNumber, Delimiters)", MinArguments = 3, MaxArguments = 3, Body = Word },
        new() { Name = "StripSpaces", Signature = "StripSpaces(source)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Map(call, context, s => s.Replace(" ", "", StringComparison.Ordinal)) },
        new() { Name = "ToLower", Signature = "ToLower(source, culture)", MinArguments = 1, MaxArguments = 2, Body = (call, context) => Map(call, context, s => s.ToLower(Culture(call, context))), Check = CheckCulture },
        new() { Name = "ToUpper", Signature = "ToUpper(source, culture)", MinArguments = 1, MaxArguments = 2, Body = (call, context) => Map(call, context, s => s.ToUpper(Culture(call, context))), Check = CheckCulture },
        new() { Name = "PCase", Signature = "PCase(source, wordSeparators)", MinArguments = 1, MaxArguments = 2, Body = PCase },
        new() { Name = "NormalizeDiacritics", Signature = "NormalizeDiacritics(source)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Map(call, context, Diacritics.Normalize) },
        new() { Name = "ConvertToBase64", Signature = "ConvertToBase64(source)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Map(call, context, s => Convert.ToBase64String(Encoding.Unicode.GetBytes(s))) },
        new() { Name = "ConvertToUTF8Hex", Signature = "ConvertToUTF8Hex(source)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Map(call, context, s => Convert.ToHexString(Encoding.UTF8.GetBytes(s))) },
    ];

    /// <summary>Applies <paramref name="transform"/> to the first argument's text; null stays null.</summary>
    static Value Map(FunctionCallNode call, EvaluationContext context, Func<string, string> transform)
    {
        var source = context.Text(call, 0);
        return source is null ? Value.Null : Value.FromString(transform(source));
    }

    static Value Append(FunctionCallNode call, EvaluationContext context)
    {
        var source = context.Text(call, 0);
        return source is null ? Value.Null : Value.FromString(source + context.Text(call, 1));
    }

    /// <summary>Joins the sources (every item of a multi-valued one); null and empty sources are left out.</summary>
    static Value Join(FunctionCallNode call, EvaluationContext context)
    {
        var separator = context.Text(call, 0) ?? "";
        var builder = new StringBuilder();
        var first = true;
        for (var i = 1; i < call.Count; i++)
        {
            var value = context.Evaluate(call.Argument(i));
            if (value.Kind == ValueKind.Null) continue;
            foreach (var item in value.Kind == ValueKind.List ? value.ListValue : [value.AsText()])
            {
                if (string.IsNullOrEmpty(item)) continue;
                if (!first) builder.Append(separator);
                builder.Append(item);
                first = false;
            }
        }

        return Value.FromString(builder.ToString());
    }

    static Value Left(FunctionCallNode call, EvaluationContext context)
    {
        var source = context.Text(call, 0);
        if (source is null) return Value.FromString("");
        var count = context.Integer(call, 1, "NumChars");
        return Value.FromString(count < 0 || count >= source.Length ? source : source[..(int)count]);
    }

    static Value Mid(FunctionCallNode call, EvaluationContext context)
    {
        var source = context.Text(call, 0);
        if (source is null) return Value.Null;
        var start = context.Integer(call, 1, "start");
        var length = context.Integer(call, 2, "length");
        if (start < 1) throw EvaluationContext.Fail(call, 1, $"Mid: start is 1-based and must be at least 1, got {start}.");
        if (length < 0) throw EvaluationContext.Fail(call, 2, $"Mid: length must not be negative, got {length}.");
        if (start > source.Length) return Value.FromString("");
        var from = (int)start - 1;
        return Value.FromString(source.Substring(from, (int)Math.Min(length, source.Length - from)));
    }

    static void CheckMid(FunctionCallNode call, ExpressionDiagnostics diagnostics)
    {
        if (call.Argument(1) is IntegerNode { Number: < 1 } start) diagnostics.Error(start, "Mid: start is 1-based and must be at least 1");
        if (call.Argument(2) is IntegerNode { Number: < 0 } length) diagnostics.Error(length, "Mid: length must not be negative");
    }

    static Value InStr(FunctionCallNode call, EvaluationContext context)
    {
        var value1 = context.Text(call, 0);
        var value2 = context.Text(call, 1);
        if (value1 is null || value2 is null) return Value.Null;
        var start = call.HasArgument(2) ? context.Integer(call, 2, "start") : 1;
        if (start < 1) throw EvaluationContext.Fail(call, 2, $"InStr: start is 1-based and must be at least 1, got {start}.");
        if (start > value1.Length) return Value.FromInteger(0);
        var comparison = (call.HasArgument(3) ? context.Text(call, 3) : null) == NamedConstantNode.TextCompare
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        return Value.FromInteger(value1.IndexOf(value2, (int)start - 1, comparison) + 1);
    }

    static void CheckInStr(FunctionCallNode call, ExpressionDiagnostics diagnostics)
    {
        if (ExpressionDiagnostics.TryGetConstant(call.Argument(3), out var compare) && !NamedConstantNode.Known.Contains(compare))
        {
            diagnostics.Error(call.Argument(3)!, $"InStr: compareType must be {NamedConstantNode.BinaryCompare} or {NamedConstantNode.TextCompare}, got \"{compare}\"");
        }
    }

    /// <summary>The WordNumber-th word (1-based) of the string, words being separated by any of the delimiter characters.</summary>
    static Value Word(FunctionCallNode call, EvaluationContext context)
    {
        var source = context.Text(call, 0);
        var number = context.Integer(call, 1, "WordNumber");
        if (source is null || number < 1) return Value.FromString("");
        var delimiters = context.Text(call, 2);
        var words = string.IsNullOrEmpty(delimiters)
            ? [source]
            : source.Split(delimiters.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        return Value.FromString(number <= words.Length ? words[number - 1] : "");
    }

    /// <summary>
    /// Upper-cases the first letter of every word and lower-cases the rest. Without separators, words are split as
    /// .NET's ToTitleCase splits them (punctuation, symbols, spaces); with separators, only at those characters.
    /// </summary>
    static Value PCase(FunctionCallNode call, EvaluationContext context)
    {
        var source = context.Text(call, 0);
        if (source is null) return Value.Null;
        var separators = call.HasArgument(1) ? context.Text(call, 1) : null;
        var lower = source.ToLowerInvariant();
        if (string.IsNullOrEmpty(separators)) return Value.FromString(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(lower));

        var chars = lower.ToCharArray();
        var startOfWord = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (separators.Contains(chars[i]))
            {
                startOfWord = true;
                continue;
            }

            if (startOfWord) chars[i] = char.ToUpperInvariant(chars[i]);
            startOfWord = false;
        }

        return Value.FromString(new string(chars));
    }

    static CultureInfo Culture(FunctionCallNode call, EvaluationContext context)
    {
        if (call.State is CultureInfo prepared) return prepared;
        var name = call.HasArgument(1) ? context.Text(call, 1) : null;
        if (string.IsNullOrEmpty(name)) return CultureInfo.InvariantCulture;
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            throw EvaluationContext.Fail(call, 1, $"{call.Function.Name}: unknown culture \"{name}\".");
        }
    }

    static void CheckCulture(FunctionCallNode call, ExpressionDiagnostics diagnostics)
    {
        if (!call.HasArgument(1))
        {
            call.State = CultureInfo.InvariantCulture;
            return;
        }

        if (!ExpressionDiagnostics.TryGetConstant(call.Argument(1), out var name)) return;
        try
        {
            call.State = name.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            diagnostics.Error(call.Argument(1)!, $"{call.Function.Name}: unknown culture \"{name}\" (use a name such as en-US or tr-TR)");
        }
    }
}
