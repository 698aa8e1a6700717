using EntraMesh.Mapping.Rules.Expressions;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.Mapping.Tests.Expressions;

/// <summary>Evaluates an expression against attributes given as name/value pairs ("(null)" stands for a null value).</summary>
internal static class Evaluate
{
    public const string Null = "(null)";

    public static readonly DateTimeOffset Now = new(2021, 7, 2, 15, 33, 38, TimeSpan.Zero);

    public static EvaluationEnvironment Environment(DateTimeOffset? now = null, int seed = 7) =>
        new(new FakeTimeProvider(now ?? Now), Randomness.FromSeed(seed));

    public static Value Value(string expression, params string[] attributes) =>
        RuleExpression.Parse(expression).Evaluate(Attributes(attributes), Environment());

    public static string? Text(string expression, params string[] attributes) => Value(expression, attributes).AsText();

    public static Dictionary<string, string?> Attributes(params string[] pairs)
    {
        if (pairs.Length % 2 != 0) throw new ArgumentException("attributes come in name/value pairs");
        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.Length; i += 2) attributes[pairs[i]] = pairs[i + 1] == Null ? null : pairs[i + 1];
        return attributes;
    }
}
