using System.Globalization;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>
/// A value an expression produces. Entra's language is string-typed at heart: attributes are strings, and
/// booleans, numbers and dates turn into Entra's text forms ("True", "42", "3/16/2020 7:00:00 AM") wherever
/// a string is expected. A struct, so that evaluating an expression allocates only the strings it builds.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    /// <summary>How Entra writes a date as text (CDate, DateAdd, Now): always UTC.</summary>
    public const string DateTimeTextFormat = "M/d/yyyy h:mm:ss tt";

    static readonly object TrueBox = true;
    static readonly object FalseBox = false;

    readonly object? reference;
    readonly long scalar;

    Value(ValueKind kind, object? reference, long scalar)
    {
        Kind = kind;
        this.reference = reference;
        this.scalar = scalar;
    }

    public ValueKind Kind { get; }

    public static Value Null => default;

    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>Null, an empty string or an empty list.</summary>
    public bool IsNullOrEmpty => Kind switch
    {
        ValueKind.Null => true,
        ValueKind.String => ((string)reference!).Length == 0,
        ValueKind.List => ((IReadOnlyList<string?>)reference!).Count == 0,
        _ => false,
    };

    public static Value FromString(string? text) => text is null ? default : new Value(ValueKind.String, text, 0);

    public static Value FromBoolean(bool value) => new(ValueKind.Boolean, value ? TrueBox : FalseBox, value ? 1 : 0);

    public static Value FromInteger(long value) => new(ValueKind.Integer, null, value);

    public static Value FromDateTime(DateTime value) =>
        new(ValueKind.DateTime, null, DateTime.SpecifyKind(value, DateTimeKind.Utc).Ticks);

    public static Value FromList(IReadOnlyList<string?> items) => new(ValueKind.List, items, 0);

    public bool BooleanValue => Kind == ValueKind.Boolean ? scalar != 0 : throw WrongKind(ValueKind.Boolean);

    public long IntegerValue => Kind == ValueKind.Integer ? scalar : throw WrongKind(ValueKind.Integer);

    public DateTime DateTimeValue => Kind == ValueKind.DateTime ? new DateTime(scalar, DateTimeKind.Utc) : throw WrongKind(ValueKind.DateTime);

    public IReadOnlyList<string?> ListValue => Kind == ValueKind.List ? (IReadOnlyList<string?>)reference! : throw WrongKind(ValueKind.List);

    /// <summary>
    /// The value as Entra writes it where a string is expected; null for null. A list reads as its items joined by
    /// commas (functions that know lists, such as Join, Count and Item, take the items instead).
    /// </summary>
    public string? AsText() => Kind switch
    {
        ValueKind.Null => null,
        ValueKind.String => (string)reference!,
        ValueKind.Boolean => scalar != 0 ? "True" : "False",
        ValueKind.Integer => scalar.ToString(CultureInfo.InvariantCulture),
        ValueKind.DateTime => new DateTime(scalar, DateTimeKind.Utc).ToString(DateTimeTextFormat, CultureInfo.InvariantCulture),
        ValueKind.List => string.Join(",", (IReadOnlyList<string?>)reference!),
        _ => null,
    };

    /// <summary>The items of a list, the single text of a scalar, nothing for null.</summary>
    public IEnumerable<string?> AsItems() => Kind switch
    {
        ValueKind.Null => [],
        ValueKind.List => (IReadOnlyList<string?>)reference!,
        _ => [AsText()],
    };

    public override string ToString() => AsText() ?? "(null)";

    public bool Equals(Value other) =>
        Kind == other.Kind && scalar == other.scalar && Kind switch
        {
            ValueKind.String => string.Equals((string)reference!, (string?)other.reference, StringComparison.Ordinal),
            ValueKind.List => ((IReadOnlyList<string?>)reference!).SequenceEqual((IReadOnlyList<string?>)other.reference!),
            _ => true,
        };

    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, scalar, Kind == ValueKind.String ? reference : null);

    public static bool operator ==(Value left, Value right) => left.Equals(right);

    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    InvalidOperationException WrongKind(ValueKind expected) => new($"The value is {Kind}, not {expected}.");
}
