using System.Globalization;
using System.Text;
using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>
/// Parses Entra's expression syntax: <c>[attribute]</c>, <c>"string"</c> (backslash escapes <c>\</c> and <c>"</c>),
/// whole numbers (<c>-10</c>, <c>&amp;HF7</c>), <c>vbTextCompare</c>/<c>vbBinaryCompare</c>, nested calls with empty
/// arguments, and one comparison (<c>=</c>, <c>&lt;&gt;</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c>) per
/// operand pair. A syntax error stops the parse and names its position and what was expected; unknown functions,
/// wrong argument counts and bad constant arguments are collected so that one pass reports them all.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>Entra refuses expressions longer than this.</summary>
    public const int MaxLength = 10_000;

    /// <summary>Calls nest at most this deep, so that no expression can exhaust the stack of the thread evaluating it.</summary>
    public const int MaxDepth = 200;

    const string OperandExpected = "an attribute [name], a \"string\", a number or a function call";

    readonly string text;
    readonly ExpressionDiagnostics diagnostics;
    int position;
    int depth;

    ExpressionParser(string text, ExpressionDiagnostics diagnostics)
    {
        this.text = text;
        this.diagnostics = diagnostics;
    }

    bool AtEnd => position >= text.Length;

    public static ExpressionNode? Parse(string text, ExpressionDiagnostics diagnostics)
    {
        if (text.Length > MaxLength)
        {
            diagnostics.Error(MaxLength, text.Length - MaxLength,
                $"the expression is {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; Entra allows at most 10,000");
            return null;
        }

        var parser = new ExpressionParser(text, diagnostics);
        try
        {
            parser.SkipWhitespace();
            if (parser.AtEnd) throw new ExpressionSyntaxException(0, 0, $"the expression is empty: expected {OperandExpected}");
            var root = parser.ParseExpression();
            parser.SkipWhitespace();
            if (!parser.AtEnd) throw parser.Unexpected("the end of the expression (or a comparison operator)");
            return root;
        }
        catch (ExpressionSyntaxException error)
        {
            diagnostics.Error(error.Offset, error.Length, error.Message);
            return null;
        }
    }

    ExpressionNode ParseExpression()
    {
        var left = ParseOperand();
        SkipWhitespace();
        if (!TryReadOperator(out var op, out var symbol)) return left;

        SkipWhitespace();
        if (AtEnd || text[position] is ',' or ')') throw Unexpected($"a value after '{symbol}'");
        var right = ParseOperand();
        SkipWhitespace();
        var next = position;
        if (TryReadOperator(out _, out var second))
        {
            throw new ExpressionSyntaxException(next, second.Length, "comparisons cannot be chained; nest IIF calls instead");
        }

        return new ComparisonNode(op, left, right, left.Start, right.Start + right.Length - left.Start);
    }

    ExpressionNode ParseOperand()
    {
        SkipWhitespace();
        if (AtEnd) throw Unexpected(OperandExpected);
        var c = text[position];
        if (c == '[') return ParseAttribute();
        if (c == '"') return ParseString();
        if (c == '-' || char.IsAsciiDigit(c)) return ParseNumber();
        if (c == '&') return ParseHexNumber();
        if (char.IsAsciiLetter(c)) return ParseNameOrCall();
        throw Unexpected(OperandExpected);
    }

    AttributeNode ParseAttribute()
    {
        var start = position;
        var close = text.IndexOf(']', start + 1);
        var newline = text.IndexOfAny(['\n', '\r'], start + 1);
        if (close < 0 || (newline >= 0 && newline < close))
        {
            throw new ExpressionSyntaxException(start, 1, "this attribute reference is not closed: expected ']'");
        }

        var name = text[(start + 1)..close].Trim();
        if (name.Length == 0) diagnostics.Error(start, close - start + 1, "empty attribute name: write [attributeName]");
        position = close + 1;
        return new AttributeNode(name, start, position - start);
    }

    StringNode ParseString()
    {
        var start = position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd) throw new ExpressionSyntaxException(start, 1, "this string is not closed: expected '\"' (write \\\" for a quotation mark inside a string)");
            var c = text[position];
            if (c == '\\' && position + 1 < text.Length && text[position + 1] is '\\' or '"')
            {
                builder.Append(text[position + 1]);
                position += 2;
            }
            else if (c == '"')
            {
                position++;
                return new StringNode(builder.ToString(), start, position - start);
            }
            else
            {
                builder.Append(c);
                position++;
            }
        }
    }

    IntegerNode ParseNumber()
    {
        var start = position;
        if (text[position] == '-') position++;
        var digits = position;
        while (!AtEnd && char.IsAsciiDigit(text[position])) position++;
        if (position == digits) throw Unexpected("digits after '-'");
        if (!AtEnd && text[position] == '.' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1]))
        {
            throw new ExpressionSyntaxException(start, position + 2 - start, "only whole numbers are supported");
        }

        if (!long.TryParse(text.AsSpan(start, position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw new ExpressionSyntaxException(start, position - start, "this number is too large");
        }

        return new IntegerNode(number, start, position - start);
    }

    IntegerNode ParseHexNumber()
    {
        var start = position;
        if (position + 1 >= text.Length || text[position + 1] is not ('H' or 'h')) throw Unexpected("&H followed by hexadecimal digits");
        position += 2;
        var digits = position;
        while (!AtEnd && char.IsAsciiHexDigit(text[position])) position++;
        if (position == digits) throw Unexpected("hexadecimal digits after &H");
        if (!long.TryParse(text.AsSpan(digits, position - digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var number))
        {
            throw new ExpressionSyntaxException(start, position - start, "this number is too large");
        }

        return new IntegerNode(number, start, position - start);
    }

    ExpressionNode ParseNameOrCall()
    {
        var start = position;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_')) position++;
        var name = text[start..position];
        SkipWhitespace();
        if (!AtEnd && text[position] == '(') return ParseCall(name, start);

        if (NamedConstantNode.Known.Contains(name)) return new NamedConstantNode(name, start, name.Length);
        diagnostics.Error(start, name.Length, FunctionCatalog.Contains(name)
            ? $"{name} is a function: expected '(' after it"
            : $"'{name}' is neither a function call nor a known constant: write an attribute as [{name}] and a string as \"{name}\"");
        return new ErrorNode(start, name.Length);
    }

    FunctionCallNode ParseCall(string name, int start)
    {
        if (++depth > MaxDepth) throw new ExpressionSyntaxException(start, name.Length, $"calls nest more than {MaxDepth} deep here");
        var open = position++;
        var arguments = new List<ExpressionNode?>();
        SkipWhitespace();
        if (!AtEnd && text[position] == ')')
        {
            position++;
        }
        else
        {
            while (true)
            {
                SkipWhitespace();
                if (AtEnd) throw new ExpressionSyntaxException(open, 1, $"'{name}(' is not closed: expected an argument or ')'");
                arguments.Add(text[position] is ',' or ')' ? null : ParseExpression());
                SkipWhitespace();
                if (AtEnd) throw new ExpressionSyntaxException(open, 1, $"'{name}(' is not closed: expected ',' or ')' after argument {arguments.Count}");
                if (text[position] == ',')
                {
                    position++;
                    continue;
                }

                if (text[position] == ')')
                {
                    position++;
                    break;
                }

                throw Unexpected($"',' or ')' after argument {arguments.Count} of {name}");
            }
        }

        depth--;
        var function = FunctionCatalog.Resolve(name, start, diagnostics);
        var call = new FunctionCallNode(function, [.. arguments], start, position - start, name.Length);
        if (function != FunctionCatalog.Unknown && CheckArity(call)) function.Check?.Invoke(call, diagnostics);
        return call;
    }

    bool CheckArity(FunctionCallNode call)
    {
        var function = call.Function;
        var count = call.Count;
        if (count < function.MinArguments || count > function.MaxArguments)
        {
            var expected = function.MaxArguments == FunctionDefinition.Unbounded ? $"at least {function.MinArguments}"
                : function.MinArguments == function.MaxArguments ? $"{function.MinArguments}"
                : $"{function.MinArguments} to {function.MaxArguments}";
            diagnostics.Error(call.Start, call.NameLength,
                $"{function.Name} takes {expected} argument{(expected == "1" ? "" : "s")}, got {count}: {function.Signature}");
            return false;
        }

        if (function.EvenArgumentCount && count % 2 != 0)
        {
            diagnostics.Error(call.Start, call.NameLength,
                $"{function.Name} takes an even number of arguments (the source, the default, then key/value pairs), got {count}: {function.Signature}");
            return false;
        }

        return true;
    }

    bool TryReadOperator(out ComparisonOperator op, out string symbol)
    {
        op = default;
        symbol = "";
        if (AtEnd) return false;
        var rest = text.AsSpan(position);
        (op, symbol) = rest switch
        {
            _ when rest.StartsWith("<>") => (ComparisonOperator.NotEqual, "<>"),
            _ when rest.StartsWith(">=") => (ComparisonOperator.GreaterThanOrEqual, ">="),
            _ when rest.StartsWith("<=") => (ComparisonOperator.LessThanOrEqual, "<="),
            _ when rest.StartsWith("!=") => throw new ExpressionSyntaxException(position, 2, "write 'not equal' as <>"),
            _ when rest.StartsWith("==") => throw new ExpressionSyntaxException(position, 2, "write 'equal' as a single ="),
            _ when rest[0] == '=' => (ComparisonOperator.Equal, "="),
            _ when rest[0] == '>' => (ComparisonOperator.GreaterThan, ">"),
            _ when rest[0] == '<' => (ComparisonOperator.LessThan, "<"),
            _ => (default, ""),
        };
        position += symbol.Length;
        return symbol.Length > 0;
    }

    void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(text[position])) position++;
    }

    ExpressionSyntaxException Unexpected(string expected)
    {
        if (AtEnd) return new ExpressionSyntaxException(text.Length, 0, $"expected {expected}, found the end of the expression");
        var c = text[position];
        var length = 1;
        string found;
        if (char.IsAsciiLetterOrDigit(c))
        {
            while (position + length < text.Length && char.IsAsciiLetterOrDigit(text[position + length])) length++;
            found = $"'{text.Substring(position, length)}'";
        }
        else
        {
            found = c == '"' ? "a string" : $"'{c}'";
        }

        return new ExpressionSyntaxException(position, length, $"expected {expected}, found {found}");
    }
}
