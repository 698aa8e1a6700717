using System.Collections.Frozen;

namespace EntraMesh.Mapping.Rules.Scoping;

/// <summary>Entra's spelling of each operator, and the operators that take no value.</summary>
public static class ScopingOperators
{
    static readonly (string Name, ScopingOperator Operator)[] Spellings =
    [
        ("EQUALS", ScopingOperator.EqualTo),
        ("NOT EQUALS", ScopingOperator.NotEqualTo),
        ("IS TRUE", ScopingOperator.IsTrue),
        ("IS FALSE", ScopingOperator.IsFalse),
        ("IS NULL", ScopingOperator.IsNull),
        ("IS NOT NULL", ScopingOperator.IsNotNull),
        ("REGEX MATCH", ScopingOperator.RegexMatch),
        ("NOT REGEX MATCH", ScopingOperator.NotRegexMatch),
        ("Includes", ScopingOperator.Includes),
        ("&", ScopingOperator.OccursIn),
        ("!&", ScopingOperator.DoesNotOccurIn),
        ("ENDS_WITH", ScopingOperator.EndsWith),
        ("Greater_Than", ScopingOperator.GreaterThan),
        ("Greater_Than_OR_EQUALS", ScopingOperator.GreaterThanOrEqualTo),
    ];

    /// <summary>Any casing, spaces or underscores: "NOT EQUALS", "not_equals" and "Not Equals" are one operator.</summary>
    static readonly FrozenDictionary<string, ScopingOperator> ByName =
        Spellings.ToFrozenDictionary(s => Normalise(s.Name), s => s.Operator, StringComparer.Ordinal);

    public static IEnumerable<string> Names => Spellings.Select(s => s.Name);

    public static string NameOf(ScopingOperator op) => Spellings.First(s => s.Operator == op).Name;

    public static bool TryParse(string text, out ScopingOperator op) => ByName.TryGetValue(Normalise(text), out op);

    public static bool IsUnary(ScopingOperator op) =>
        op is ScopingOperator.IsTrue or ScopingOperator.IsFalse or ScopingOperator.IsNull or ScopingOperator.IsNotNull;

    static string Normalise(string text) =>
        string.Join(' ', text.Trim().ToUpperInvariant().Replace('_', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
