using System.Globalization;
using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions.Functions;

/// <summary>CDate, Now, DateAdd, DateDiff, DateFromNum, NumFromDate, FormatDateTime. Dates are UTC, as in Entra.</summary>
internal static class DateFunctions
{
    /// <summary>The intervals DateAdd and DateDiff accept, as Entra lists them.</summary>
    public static readonly IReadOnlyList<string> Intervals = ["yyyy", "m", "d", "ww", "h", "n", "s"];

    const DateTimeStyles DefaultStyles = DateTimeStyles.RoundtripKind | DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite;

    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new() { Name = "CDate", Signature = "CDate(expression)", MinArguments = 1, MaxArguments = 1, Body = CDate },
        new() { Name = "Now", Signature = "Now()", MinArguments = 0, MaxArguments = 0, Body = (_, context) => Value.FromDateTime(context.Environment.Time.GetUtcNow().UtcDateTime) },
        new() { Name = "DateAdd", Signature = "DateAdd(interval, value, dateTime)", MinArguments = 3, MaxArguments = 3, Body = DateAdd, Check = CheckInterval },
        new() { Name = "DateDiff", Signature = "DateDiff(interval, date1, date2)", MinArguments = 3, MaxArguments = 3, Body = DateDiff, Check = CheckInterval },
        new() { Name = "DateFromNum", Signature = "DateFromNum(value)", MinArguments = 1, MaxArguments = 1, Body = DateFromNum },
        new() { Name = "NumFromDate", Signature = "NumFromDate(value)", MinArguments = 1, MaxArguments = 1, Body = NumFromDate },
        new() { Name = "FormatDateTime", Signature = "FormatDateTime(source, dateTimeStyles, inputFormat, outputFormat)", MinArguments = 3, MaxArguments = 4, Body = FormatDateTime, Check = CheckFormatDateTime },
    ];

    static Value CDate(FunctionCallNode call, EvaluationContext context) =>
        context.Evaluate(call.Argument(0)).IsNull ? Value.Null : Value.FromDateTime(context.Date(call, 0, "expression"));

    static Value DateAdd(FunctionCallNode call, EvaluationContext context)
    {
        var interval = Interval(call, context);
        var amount = context.Integer(call, 1, "value");
        if (context.Evaluate(call.Argument(2)).IsNull) return Value.Null;
        var date = context.Date(call, 2, "dateTime");
        try
        {
            return Value.FromDateTime(interval switch
            {
                "yyyy" => date.AddYears(checked((int)amount)),
                "m" => date.AddMonths(checked((int)amount)),
                "d" => date.AddDays(amount),
                "ww" => date.AddDays(amount * 7),
                "h" => date.AddHours(amount),
                "n" => date.AddMinutes(amount),
                _ => date.AddSeconds(amount),
            });
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or OverflowException)
        {
            throw EvaluationContext.Fail(call, 1, $"DateAdd: adding {amount} ({interval}) leaves the calendar.");
        }
    }

    /// <summary>
    /// How many interval boundaries lie between date1 and date2 (positive when date2 is later), as VBA's DateDiff
    /// counts them: calendar years, months and days, weeks starting on Sunday, whole hours, minutes and seconds.
    /// </summary>
    static Value DateDiff(FunctionCallNode call, EvaluationContext context)
    {
        var interval = Interval(call, context);
        if (context.Evaluate(call.Argument(1)).IsNull || context.Evaluate(call.Argument(2)).IsNull) return Value.Null;
        var first = context.Date(call, 1, "date1");
        var second = context.Date(call, 2, "date2");
        return Value.FromInteger(interval switch
        {
            "yyyy" => second.Year - first.Year,
            "m" => ((second.Year - first.Year) * 12) + second.Month - first.Month,
            "d" => (second.Date - first.Date).Days,
            "ww" => (StartOfWeek(second) - StartOfWeek(first)).Days / 7,
            "h" => (second.Ticks / TimeSpan.TicksPerHour) - (first.Ticks / TimeSpan.TicksPerHour),
            "n" => (second.Ticks / TimeSpan.TicksPerMinute) - (first.Ticks / TimeSpan.TicksPerMinute),
            _ => (second.Ticks / TimeSpan.TicksPerSecond) - (first.Ticks / TimeSpan.TicksPerSecond),
        });
    }

    static DateTime StartOfWeek(DateTime date) => date.Date.AddDays(-(int)date.DayOfWeek);

    /// <summary>Active Directory's date number (100-ns intervals since 1601, as in accountExpires) to a date.</summary>
    static Value DateFromNum(FunctionCallNode call, EvaluationContext context)
    {
        if (context.Evaluate(call.Argument(0)).IsNull) return Value.Null;
        var number = context.Integer(call, 0, "value");
        try
        {
            return Value.FromDateTime(DateTime.FromFileTimeUtc(number));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw EvaluationContext.Fail(call, 0, $"DateFromNum: {number} is not an Active Directory date.");
        }
    }

    static Value NumFromDate(FunctionCallNode call, EvaluationContext context)
    {
        if (context.Evaluate(call.Argument(0)).IsNull) return Value.Null;
        var date = context.Date(call, 0, "value");
        return date.Year < 1601
            ? throw EvaluationContext.Fail(call, 0, "NumFromDate: dates before 1601 have no Active Directory number.")
            : Value.FromInteger(date.ToFileTimeUtc());
    }

    /// <summary>
    /// Reads the source with the input format and writes it with the output format. The three-argument form
    /// <c>FormatDateTime(source, inputFormat, outputFormat)</c> of older Entra documentation is accepted too. A date
    /// with an offset is turned into UTC, as on Entra's servers, so the result never depends on this machine's zone.
    /// </summary>
    static Value FormatDateTime(FunctionCallNode call, EvaluationContext context)
    {
        var source = context.Text(call, 0);
        if (source is null) return Value.Null;
        var (stylesIndex, inputIndex, outputIndex) = call.Count == 4 ? (1, 2, 3) : (-1, 1, 2);
        var styles = stylesIndex < 0 || !call.HasArgument(stylesIndex)
            ? DefaultStyles
            : ParseStyles(context.Text(call, stylesIndex)) ?? throw EvaluationContext.Fail(call, stylesIndex, "FormatDateTime: unknown dateTimeStyles.");
        var input = context.Text(call, inputIndex) ?? "";
        var output = context.Text(call, outputIndex) ?? "";

        var parseStyles = (styles & ~(DateTimeStyles.RoundtripKind | DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal)) | DateTimeStyles.AssumeUniversal;
        if (!DateTimeOffset.TryParseExact(source, input, CultureInfo.InvariantCulture, parseStyles, out var parsed))
        {
            throw EvaluationContext.Fail(call, 0, $"FormatDateTime: \"{source}\" does not match the input format \"{input}\".");
        }

        try
        {
            return Value.FromString(parsed.ToUniversalTime().ToString(output, CultureInfo.InvariantCulture));
        }
        catch (FormatException)
        {
            throw EvaluationContext.Fail(call, outputIndex, $"FormatDateTime: invalid output format \"{output}\".");
        }
    }

    static DateTimeStyles? ParseStyles(string? text) =>
        string.IsNullOrWhiteSpace(text) ? DefaultStyles
        : Enum.TryParse<DateTimeStyles>(text, ignoreCase: true, out var styles) && !text.Any(char.IsAsciiDigit) ? styles
        : null;

    static string Interval(FunctionCallNode call, EvaluationContext context)
    {
        var interval = context.Text(call, 0);
        return interval is not null && Intervals.Contains(interval)
            ? interval
            : throw EvaluationContext.Fail(call, 0, $"{call.Function.Name}: interval must be one of {string.Join(", ", Intervals)}; got {EvaluationContext.Describe(interval)}.");
    }

    static void CheckInterval(FunctionCallNode call, ExpressionDiagnostics diagnostics)
    {
        if (ExpressionDiagnostics.TryGetConstant(call.Argument(0), out var interval) && !Intervals.Contains(interval))
        {
            diagnostics.Error(call.Argument(0)!, $"{call.Function.Name}: interval must be one of {string.Join(", ", Intervals.Select(i => $"\"{i}\""))}; got \"{interval}\"");
        }
    }

    static void CheckFormatDateTime(FunctionCallNode call, ExpressionDiagnostics diagnostics)
    {
        if (call.Count == 4 && ExpressionDiagnostics.TryGetConstant(call.Argument(1), out var styles) && ParseStyles(styles) is null)
        {
            diagnostics.Error(call.Argument(1)!, $"FormatDateTime: unknown dateTimeStyles \"{styles}\" (for example \"AdjustToUniversal, AllowWhiteSpaces\")");
        }

        var (inputIndex, outputIndex) = call.Count == 4 ? (2, 3) : (1, 2);
        if (!call.HasArgument(inputIndex)) diagnostics.Error(call.Start, call.NameLength, "FormatDateTime: the inputFormat is required");
        if (!call.HasArgument(outputIndex)) diagnostics.Error(call.Start, call.NameLength, "FormatDateTime: the outputFormat is required");
    }
}
