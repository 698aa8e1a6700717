using System.Collections.Frozen;
using EntraMesh.Mapping.Rules.Expressions.Functions;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>Every function of Entra's expression language EntraMesh evaluates, by case-sensitive name.</summary>
public static class FunctionCatalog
{
    static readonly FrozenDictionary<string, FunctionDefinition> Functions =
        TextFunctions.Definitions
            .Concat(ReplaceFunction.Definitions)
            .Concat(ConditionFunctions.Definitions)
            .Concat(ConversionFunctions.Definitions)
            .Concat(DateFunctions.Definitions)
            .Concat(GeneratorFunctions.Definitions)
            .ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Entra functions that only make sense on Entra's own objects, not on HR records.</summary>
    static readonly FrozenDictionary<string, string> Unsupported = new Dictionary<string, string>
    {
        ["AppRoleAssignmentsComplex"] = "AppRoleAssignmentsComplex reads Entra app role assignments, which HR records do not have",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Stands in for an unknown function so that parsing can go on and report further errors.</summary>
    internal static readonly FunctionDefinition Unknown = new()
    {
        Name = "?",
        Signature = "?",
        MinArguments = 0,
        MaxArguments = FunctionDefinition.Unbounded,
        Body = (call, _) => throw new ExpressionEvaluationException("unknown function", call),
    };

    public static IReadOnlyCollection<FunctionDefinition> All => Functions.Values;

    public static bool Contains(string name) => Functions.ContainsKey(name);

    public static bool TryGet(string name, out FunctionDefinition function) => Functions.TryGetValue(name, out function!);

    internal static FunctionDefinition Resolve(string name, int start, ExpressionDiagnostics diagnostics)
    {
        if (Functions.TryGetValue(name, out var function)) return function;

        if (Unsupported.TryGetValue(name, out var reason))
        {
            diagnostics.Error(start, name.Length, reason);
            return Unknown;
        }

        var sameLetters = Functions.Keys.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
        if (sameLetters is not null)
        {
            diagnostics.Error(start, name.Length, $"unknown function '{name}': function names are case-sensitive, did you mean '{sameLetters}'?");
            return Unknown;
        }

        var closest = Functions.Keys
            .Select(known => (known, distance: EditDistance(known.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(candidate => candidate.distance <= 2)
            .OrderBy(candidate => candidate.distance)
            .Select(candidate => candidate.known)
            .FirstOrDefault();
        diagnostics.Error(start, name.Length, closest is null
            ? $"unknown function '{name}' (the functions are listed in docs/rules.md)"
            : $"unknown function '{name}', did you mean '{closest}'?");
        return Unknown;
    }

    static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
