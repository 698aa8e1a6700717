using System.Globalization;
using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>
/// What one evaluation sees: the record's attributes and the environment (clock, randomness). It also records
/// whether IgnoreFlowIfNullOrEmpty asked to leave the attribute out. One context serves all mappings of a record.
/// </summary>
public sealed class EvaluationContext(IReadOnlyDictionary<string, string?> attributes, EvaluationEnvironment environment)
{
    public IReadOnlyDictionary<string, string?> Attributes { get; } = attributes;

    public EvaluationEnvironment Environment { get; } = environment;

    /// <summary>Set when IgnoreFlowIfNullOrEmpty met a null or empty value: the attribute is left out of the payload.</summary>
    public bool FlowIgnored { get; internal set; }

    internal void ResetFlow() => FlowIgnored = false;

    public Value Evaluate(ExpressionNode? node) => node is null ? Value.Null : node.Evaluate(this);

    /// <summary>The argument as text; null when it is empty, missing or evaluates to null.</summary>
    public string? Text(FunctionCallNode call, int index) => Evaluate(call.Argument(index)).AsText();

    /// <summary>The argument as a whole number; an evaluation error naming the parameter when it is not one.</summary>
    public long Integer(FunctionCallNode call, int index, string parameter)
    {
        var value = Evaluate(call.Argument(index));
        if (value.Kind == ValueKind.Integer) return value.IntegerValue;
        var text = value.AsText();
        if (text is not null && long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        throw Fail(call, index, $"{call.Function.Name}: {parameter} must be a whole number, got {Describe(text)}.");
    }

    /// <summary>The argument as a UTC date: a date value (CDate, Now) or a string in a format Entra reads.</summary>
    public DateTime Date(FunctionCallNode call, int index, string parameter)
    {
        var value = Evaluate(call.Argument(index));
        if (value.Kind == ValueKind.DateTime) return value.DateTimeValue;
        var text = value.AsText();
        if (text is not null && EntraDates.TryParse(text, out var date)) return date;
        throw Fail(call, index, $"{call.Function.Name}: {parameter} must be a date, got {Describe(text)}.");
    }

    internal static ExpressionEvaluationException Fail(FunctionCallNode call, int index, string message) =>
        new(message, (ExpressionNode?)call.Argument(index) ?? call);

    internal static string Describe(string? text) => text is null ? "null" : $"\"{text}\"";
}
