using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>Evaluates one call; arguments are evaluated on demand (IIF and Switch evaluate only the branch taken).</summary>
public delegate Value FunctionBody(FunctionCallNode call, EvaluationContext context);

/// <summary>Checks a call at compile time (constant arguments: intervals, cultures, patterns) and may prepare state.</summary>
public delegate void FunctionCheck(FunctionCallNode call, ExpressionDiagnostics diagnostics);

/// <summary>One function of Entra's expression language: its case-sensitive name, arity and behaviour.</summary>
public sealed class FunctionDefinition
{
    public const int Unbounded = int.MaxValue;

    public required string Name { get; init; }

    /// <summary>Entra's signature, for messages and documentation: <c>Mid(source, start, length)</c>.</summary>
    public required string Signature { get; init; }

    public required int MinArguments { get; init; }

    public required int MaxArguments { get; init; }

    /// <summary>Switch: the source, the default and key/value pairs make an even number.</summary>
    public bool EvenArgumentCount { get; init; }

    /// <summary>SelectUniqueValue must be the whole expression, as in Entra.</summary>
    public bool TopLevelOnly { get; init; }

    public required FunctionBody Body { get; init; }

    public FunctionCheck? Check { get; init; }
}
