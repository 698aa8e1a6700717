using System.Globalization;
using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions.Functions;

/// <summary>IIF, Switch, Coalesce, IsNull, IsNullOrEmpty, IsPresent, IsString, Not, CBool, IgnoreFlowIfNullOrEmpty.</summary>
internal static class ConditionFunctions
{
    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new() { Name = "IIF", Signature = "IIF(condition, valueIfTrue, valueIfFalse)", MinArguments = 3, MaxArguments = 3, Body = Iif },
        new() { Name = "Switch", Signature = "Switch(source, defaultValue, key1, value1, key2, value2, ...)", MinArguments = 4, MaxArguments = FunctionDefinition.Unbounded, EvenArgumentCount = true, Body = Switch },
        new() { Name = "Coalesce", Signature = "Coalesce(source1, source2, ..., defaultValue)", MinArguments = 1, MaxArguments = FunctionDefinition.Unbounded, Body = Coalesce },
        new() { Name = "IsNull", Signature = "IsNull(Expression)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Value.FromBoolean(context.Evaluate(call.Argument(0)).IsNull) },
        new() { Name = "IsNullOrEmpty", Signature = "IsNullOrEmpty(Expression)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Value.FromBoolean(context.Evaluate(call.Argument(0)).IsNullOrEmpty) },
        new() { Name = "IsPresent", Signature = "IsPresent(Expression)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Value.FromBoolean(!context.Evaluate(call.Argument(0)).IsNullOrEmpty) },
        new() { Name = "IsString", Signature = "IsString(Expression)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Value.FromBoolean(context.Evaluate(call.Argument(0)).Kind == ValueKind.String) },
        new() { Name = "Not", Signature = "Not(source)", MinArguments = 1, MaxArguments = 1, Body = Not },
        new() { Name = "CBool", Signature = "CBool(Expression)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Value.FromBoolean(IsTrue(call, 0, context)) },
        new() { Name = "IgnoreFlowIfNullOrEmpty", Signature = "IgnoreFlowIfNullOrEmpty(expression)", MinArguments = 1, MaxArguments = 1, Body = IgnoreFlowIfNullOrEmpty },
    ];

    /// <summary>
    /// Whether a value counts as true: a boolean, "True"/"False" in any casing, or a number (non-zero is true).
    /// Null is false. Anything else is an evaluation error naming the value.
    /// </summary>
    public static bool TryGetTruth(Value value, out bool truth)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                truth = false;
                return true;
            case ValueKind.Boolean:
                truth = value.BooleanValue;
                return true;
            case ValueKind.Integer:
                truth = value.IntegerValue != 0;
                return true;
        }

        var text = value.AsText()?.Trim();
        if (bool.TryParse(text, out truth)) return true;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            truth = number != 0;
            return true;
        }

        return false;
    }

    static bool IsTrue(FunctionCallNode call, int index, EvaluationContext context)
    {
        var value = context.Evaluate(call.Argument(index));
        return TryGetTruth(value, out var truth)
            ? truth
            : throw EvaluationContext.Fail(call, index, $"{call.Function.Name}: expected True, False or a number, got {EvaluationContext.Describe(value.AsText())}.");
    }

    static Value Iif(FunctionCallNode call, EvaluationContext context) =>
        context.Evaluate(call.Argument(IsTrue(call, 0, context) ? 1 : 2));

    /// <summary>Case-sensitive match of the source against each key; a null source matches the key "".</summary>
    static Value Switch(FunctionCallNode call, EvaluationContext context)
    {
        var source = context.Text(call, 0) ?? "";
        for (var key = 2; key + 1 < call.Count; key += 2)
        {
            if (string.Equals(source, context.Text(call, key) ?? "", StringComparison.Ordinal)) return context.Evaluate(call.Argument(key + 1));
        }

        return context.Evaluate(call.Argument(1));
    }

    static Value Coalesce(FunctionCallNode call, EvaluationContext context)
    {
        for (var i = 0; i < call.Count; i++)
        {
            var value = context.Evaluate(call.Argument(i));
            if (!value.IsNull) return value;
        }

        return Value.Null;
    }

    static Value Not(FunctionCallNode call, EvaluationContext context)
    {
        var value = context.Evaluate(call.Argument(0));
        var isTrue = value.Kind == ValueKind.Boolean ? value.BooleanValue : string.Equals(value.AsText()?.Trim(), "True", StringComparison.OrdinalIgnoreCase);
        return Value.FromBoolean(!isTrue);
    }

    static Value IgnoreFlowIfNullOrEmpty(FunctionCallNode call, EvaluationContext context)
    {
        var value = context.Evaluate(call.Argument(0));
        if (value.IsNullOrEmpty) context.FlowIgnored = true;
        return value;
    }
}
