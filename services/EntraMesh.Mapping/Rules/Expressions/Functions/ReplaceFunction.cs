using System.Text.RegularExpressions;
using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions.Functions;

/// <summary>
/// <c>Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template)</c>,
/// whose behaviour depends on which arguments are given, as Entra documents:
/// regexPattern + regexGroupName + replacementAttributeName: the source if it has a value, otherwise the group's
/// match in the replacement attribute; regexPattern + regexGroupName: every match's group replaced by
/// replacementValue; regexPattern: every match replaced by replacementValue (which may use <c>${group}</c>);
/// oldValue + template: oldValue in the template replaced by the source; oldValue: every occurrence of oldValue in the
/// source replaced by replacementValue. Comparisons are case-sensitive.
/// </summary>
internal static class ReplaceFunction
{
    const int Source = 0, OldValue = 1, Pattern = 2, GroupName = 3, ReplacementValue = 4, ReplacementAttribute = 5, Template = 6;

    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new()
        {
            Name = "Replace",
            Signature = "Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template)",
            MinArguments = 2,
            MaxArguments = 7,
            Body = Evaluate,
            Check = Check,
        },
    ];

    static Value Evaluate(FunctionCallNode call, EvaluationContext context)
    {
        try
        {
            return call.HasArgument(Pattern) ? ReplaceByPattern(call, context) : ReplaceOldValue(call, context);
        }
        catch (RegexMatchTimeoutException)
        {
            throw EvaluationContext.Fail(call, Pattern, "Replace: the regular expression took too long on this value.");
        }
    }

    static Value ReplaceByPattern(FunctionCallNode call, EvaluationContext context)
    {
        var regex = call.State as Regex ?? BuildRegex(call, context);
        var source = context.Text(call, Source);
        if (call.HasArgument(GroupName) && call.HasArgument(ReplacementAttribute))
        {
            if (!string.IsNullOrEmpty(source)) return Value.FromString(source);
            var fallback = context.Text(call, ReplacementAttribute);
            if (fallback is null) return Value.Null;
            var match = regex.Match(fallback);
            var group = match.Groups[context.Text(call, GroupName) ?? ""];
            return match.Success && group.Success ? Value.FromString(group.Value) : Value.Null;
        }

        if (source is null) return Value.Null;
        var replacement = context.Text(call, ReplacementValue) ?? "";
        if (!call.HasArgument(GroupName)) return Value.FromString(regex.Replace(source, replacement));

        var groupName = context.Text(call, GroupName) ?? "";
        return Value.FromString(regex.Replace(source, match =>
        {
            var group = match.Groups[groupName];
            if (!group.Success) return match.Value;
            var offset = group.Index - match.Index;
            return string.Concat(match.Value.AsSpan(0, offset), replacement, match.Value.AsSpan(offset + group.Length));
        }));
    }

    static Value ReplaceOldValue(FunctionCallNode call, EvaluationContext context)
    {
        if (!call.HasArgument(OldValue)) throw EvaluationContext.Fail(call, OldValue, "Replace needs an oldValue or a regexPattern.");
        var source = context.Text(call, Source);
        if (source is null) return Value.Null;
        var oldValue = context.Text(call, OldValue);
        if (string.IsNullOrEmpty(oldValue)) return Value.FromString(source);

        if (call.HasArgument(Template))
        {
            var template = context.Text(call, Template) ?? "";
            return Value.FromString(template.Replace(oldValue, source, StringComparison.Ordinal));
        }

        return Value.FromString(source.Replace(oldValue, context.Text(call, ReplacementValue) ?? "", StringComparison.Ordinal));
    }

    static Regex BuildRegex(FunctionCallNode call, EvaluationContext context)
    {
        var pattern = context.Text(call, Pattern) ?? "";
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException error)
        {
            throw EvaluationContext.Fail(call, Pattern, $"Replace: invalid regular expression: {error.Message}");
        }
    }

    static void Check(FunctionCallNode call, ExpressionDiagnostics diagnostics)
    {
        if (!call.HasArgument(OldValue) && !call.HasArgument(Pattern))
        {
            diagnostics.Error(call.Start, call.NameLength, "Replace needs an oldValue (argument 2) or a regexPattern (argument 3)");
            return;
        }

        if (!ExpressionDiagnostics.TryGetConstant(call.Argument(Pattern), out var pattern)) return;
        try
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            call.State = regex;
            if (ExpressionDiagnostics.TryGetConstant(call.Argument(GroupName), out var group) && regex.GroupNumberFromName(group) < 0)
            {
                diagnostics.Error(call.Argument(GroupName)!, $"Replace: the pattern has no group named \"{group}\"");
            }
        }
        catch (ArgumentException error)
        {
            diagnostics.Error(call.Argument(Pattern)!, $"Replace: invalid regular expression: {error.Message}");
        }
    }
}
