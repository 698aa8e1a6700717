using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions.Functions;

/// <summary>CStr, BitAnd, Split, Count, Item, RemoveDuplicates, SingleAppRoleAssignment, Redact.</summary>
internal static class ConversionFunctions
{
    public const string RedactName = "Redact";

    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new() { Name = "CStr", Signature = "CStr(value)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => Value.FromString(context.Text(call, 0)) },
        new() { Name = "BitAnd", Signature = "BitAnd(value1, value2)", MinArguments = 2, MaxArguments = 2, Body = (call, context) => Value.FromInteger(context.Integer(call, 0, "value1") & context.Integer(call, 1, "value2")) },
        new() { Name = "Split", Signature = "Split(source, delimiter)", MinArguments = 2, MaxArguments = 2, Body = Split },
        new() { Name = "Count", Signature = "Count(attribute)", MinArguments = 1, MaxArguments = 1, Body = Count },
        new() { Name = "Item", Signature = "Item(attribute, index)", MinArguments = 2, MaxArguments = 2, Body = Item, Check = CheckItem },
        new() { Name = "RemoveDuplicates", Signature = "RemoveDuplicates(attribute)", MinArguments = 1, MaxArguments = 1, Body = RemoveDuplicates },
        new() { Name = "SingleAppRoleAssignment", Signature = "SingleAppRoleAssignment([appRoleAssignments])", MinArguments = 1, MaxArguments = 1, Body = SingleAppRoleAssignment },
        new() { Name = RedactName, Signature = "Redact(attribute or value)", MinArguments = 1, MaxArguments = 1, Body = (call, context) => context.Evaluate(call.Argument(0)) },
    ];

    /// <summary>Splits at the delimiter into a multi-valued value; items are trimmed and empty items dropped.</summary>
    static Value Split(FunctionCallNode call, EvaluationContext context)
    {
        var source = context.Text(call, 0);
        if (source is null) return Value.Null;
        var delimiter = context.Text(call, 1);
        const StringSplitOptions options = StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries;
        return Value.FromList(string.IsNullOrEmpty(delimiter) ? [source] : source.Split(delimiter, options));
    }

    static Value Count(FunctionCallNode call, EvaluationContext context)
    {
        var value = context.Evaluate(call.Argument(0));
        return Value.FromInteger(value.Kind switch
        {
            ValueKind.Null => 0,
            ValueKind.List => value.ListValue.Count,
            _ => 1,
        });
    }

    /// <summary>The index-th item (1-based); null when there is no such item.</summary>
    static Value Item(FunctionCallNode call, EvaluationContext context)
    {
        var value = context.Evaluate(call.Argument(0));
        var index = context.Integer(call, 1, "index");
        if (index < 1) throw EvaluationContext.Fail(call, 1, $"Item: index is 1-based and must be at least 1, got {index}.");
        var items = value.AsItems().ToList();
        return index <= items.Count ? Value.FromString(items[(int)index - 1]) : Value.Null;
    }

    static void CheckItem(FunctionCallNode call, ExpressionDiagnostics diagnostics)
    {
        if (call.Argument(1) is IntegerNode { Number: < 1 } index) diagnostics.Error(index, "Item: index is 1-based and must be at least 1");
    }

    static Value RemoveDuplicates(FunctionCallNode call, EvaluationContext context)
    {
        var value = context.Evaluate(call.Argument(0));
        return value.Kind == ValueKind.List ? Value.FromList(value.ListValue.Distinct(StringComparer.Ordinal).ToList()) : value;
    }

    /// <summary>HR records carry no app role assignments: the single value of the attribute (one item of a list).</summary>
    static Value SingleAppRoleAssignment(FunctionCallNode call, EvaluationContext context)
    {
        var value = context.Evaluate(call.Argument(0));
        if (value.Kind != ValueKind.List) return value;
        return value.ListValue.Count switch
        {
            0 => Value.Null,
            1 => Value.FromString(value.ListValue[0]),
            var count => throw EvaluationContext.Fail(call, 0, $"SingleAppRoleAssignment: expected one value, got {count}."),
        };
    }
}
