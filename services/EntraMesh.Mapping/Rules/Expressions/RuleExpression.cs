using System.Text;
using EntraMesh.Mapping.Rules.Expressions.Functions;
using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>
/// A compiled expression of Entra's attribute-mapping language: parsed and checked once, evaluated many times
/// (thread-safe: it holds no per-evaluation state).
/// </summary>
public sealed class RuleExpression
{
    RuleExpression(string text, ExpressionNode root)
    {
        Text = text;
        Root = root;
        var nodes = root.DescendantsAndSelf().ToList();
        IsRedacted = nodes.OfType<FunctionCallNode>().Any(call => call.Function.Name == ConversionFunctions.RedactName);
        ReferencedAttributes = nodes.OfType<AttributeNode>().Select(a => a.Name).Distinct(StringComparer.Ordinal).ToList();
        UniqueValueCandidates = root is FunctionCallNode { Function.Name: GeneratorFunctions.SelectUniqueValueName } select
            ? [.. select.Arguments.OfType<ExpressionNode>()]
            : [];
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    public ExpressionNode Root { get; }

    /// <summary>The expression uses Redact: its value is shown as <c>[Redact]</c> in previews and never logged.</summary>
    public bool IsRedacted { get; }

    public IReadOnlyList<string> ReferencedAttributes { get; }

    /// <summary>The rules of a top-level SelectUniqueValue, in order; empty for any other expression.</summary>
    public IReadOnlyList<ExpressionNode> UniqueValueCandidates { get; }

    public bool SelectsUniqueValue => UniqueValueCandidates.Count > 0;

    /// <summary>Parses and checks <paramref name="text"/>; every error carries its position in the text.</summary>
    public static ExpressionCompilation Compile(string text)
    {
        var diagnostics = new ExpressionDiagnostics();
        var root = ExpressionParser.Parse(text, diagnostics);
        if (root is not null)
        {
            foreach (var call in root.DescendantsAndSelf().OfType<FunctionCallNode>())
            {
                if (call.Function.TopLevelOnly && !ReferenceEquals(call, root))
                {
                    diagnostics.Error(call.Start, call.NameLength, $"{call.Function.Name} must be the whole expression; it cannot be nested");
                }
            }
        }

        return diagnostics.Errors.Count > 0 || root is null
            ? new ExpressionCompilation(null, diagnostics.Errors)
            : new ExpressionCompilation(new RuleExpression(text, root), []);
    }

    /// <summary>Compiles an expression that must be valid (constants in code and tests); throws otherwise.</summary>
    public static RuleExpression Parse(string text)
    {
        var compilation = Compile(text);
        return compilation.Expression
            ?? throw new FormatException($"Invalid expression '{text}': {string.Join("; ", compilation.Errors)}");
    }

    /// <summary>A constant mapping, written as Entra would: <c>"value"</c>.</summary>
    public static RuleExpression Constant(string value) => Parse(Quote(value));

    /// <summary>A direct mapping of one attribute: <c>[name]</c>.</summary>
    public static RuleExpression Attribute(string name) => Parse($"[{name}]");

    public Value Evaluate(EvaluationContext context) => Root.Evaluate(context);

    /// <summary>Evaluates against one attribute bag (tests, previews); the rule engine reuses one context per record instead.</summary>
    public Value Evaluate(IReadOnlyDictionary<string, string?> attributes, EvaluationEnvironment? environment = null) =>
        Root.Evaluate(new EvaluationContext(attributes, environment ?? EvaluationEnvironment.Default));

    public override string ToString() => Text;

    static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') builder.Append('\\');
            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }
}
