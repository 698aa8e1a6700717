using System.Globalization;
using System.Text.RegularExpressions;

namespace EntraMesh.Mapping.Rules.Scoping;

/// <summary>
/// One condition on one attribute. As in Entra, a missing, null or empty attribute makes every clause false except
/// IS NULL (which it makes true); NOT EQUALS and NOT REGEX MATCH are false for it too.
/// </summary>
public sealed class ScopingClause
{
    static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    readonly Regex? regex;
    readonly long number;

    ScopingClause(string attribute, ScopingOperator op, string? value, Regex? regex, long number)
    {
        Attribute = attribute;
        Operator = op;
        Value = value;
        this.regex = regex;
        this.number = number;
    }

    public string Attribute { get; }

    public ScopingOperator Operator { get; }

    public string? Value { get; }

    /// <summary>A clause, or the reason it is invalid (unknown operator, missing value, bad pattern, non-integer).</summary>
    public static (ScopingClause? Clause, string? Error) Create(string attribute, string operatorText, string? value)
    {
        if (string.IsNullOrWhiteSpace(attribute)) return (null, "a clause needs an attribute");
        if (!ScopingOperators.TryParse(operatorText, out var op))
        {
            return (null, $"unknown operator '{operatorText}'; Entra's operators are {string.Join(", ", ScopingOperators.Names)}");
        }

        var name = ScopingOperators.NameOf(op);
        if (ScopingOperators.IsUnary(op))
        {
            return value is null ? (new ScopingClause(attribute, op, null, null, 0), null) : (null, $"{name} takes no value");
        }

        if (value is null) return (null, $"{name} needs a value");
        switch (op)
        {
            case ScopingOperator.RegexMatch or ScopingOperator.NotRegexMatch:
                try
                {
                    return (new ScopingClause(attribute, op, value, new Regex(value, RegexOptions.CultureInvariant, MatchTimeout), 0), null);
                }
                catch (ArgumentException error)
                {
                    return (null, $"invalid regular expression: {error.Message}");
                }

            case ScopingOperator.GreaterThan or ScopingOperator.GreaterThanOrEqualTo:
                return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    ? (new ScopingClause(attribute, op, value, null, n), null)
                    : (null, $"{name} compares integers: the value must be an integer, got '{value}'");

            default:
                return (new ScopingClause(attribute, op, value, null, 0), null);
        }
    }

    public bool Matches(IReadOnlyDictionary<string, string?> attributes)
    {
        attributes.TryGetValue(Attribute, out var actual);
        if (Operator == ScopingOperator.IsNull) return string.IsNullOrEmpty(actual);
        if (string.IsNullOrEmpty(actual)) return false;

        return Operator switch
        {
            ScopingOperator.IsNotNull => true,
            ScopingOperator.IsTrue => bool.TryParse(actual, out var isTrue) && isTrue,
            ScopingOperator.IsFalse => bool.TryParse(actual, out var isTrue) && !isTrue,
            ScopingOperator.EqualTo => string.Equals(actual, Value, StringComparison.Ordinal),
            ScopingOperator.NotEqualTo => !string.Equals(actual, Value, StringComparison.Ordinal),
            ScopingOperator.RegexMatch => IsMatch(actual),
            ScopingOperator.NotRegexMatch => !IsMatch(actual),
            ScopingOperator.Includes => actual.Contains(Value!, StringComparison.Ordinal),
            ScopingOperator.OccursIn => Value!.Contains(actual, StringComparison.Ordinal),
            ScopingOperator.DoesNotOccurIn => !Value!.Contains(actual, StringComparison.Ordinal),
            ScopingOperator.EndsWith => actual.EndsWith(Value!, StringComparison.Ordinal),
            ScopingOperator.GreaterThan => TryInteger(actual, out var greater) && greater > number,
            ScopingOperator.GreaterThanOrEqualTo => TryInteger(actual, out var greaterOrEqual) && greaterOrEqual >= number,
            _ => false,
        };
    }

    public override string ToString() =>
        Value is null ? $"{Attribute} {ScopingOperators.NameOf(Operator)}" : $"{Attribute} {ScopingOperators.NameOf(Operator)} \"{Value}\"";

    bool IsMatch(string actual)
    {
        try
        {
            return regex!.IsMatch(actual);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    static bool TryInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
