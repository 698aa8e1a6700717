namespace EntraMesh.EntraEmulator.Filtering;

/// <summary>Turns a <see cref="FilterExpression"/> into a predicate over <typeparamref name="T"/> using a table of filterable fields.</summary>
public static class FilterCompiler<T>
{
    public static Func<T, bool> Compile(FilterExpression expression, IReadOnlyDictionary<string, FilterField<T>> fields) => expression switch
    {
        AndExpression and => Both(Compile(and.Left, fields), Compile(and.Right, fields)),
        OrExpression or => Either(Compile(or.Left, fields), Compile(or.Right, fields)),
        NotExpression not => Negate(Compile(not.Operand, fields)),
        FunctionExpression function => CompileFunction(function, Field(function.Property, fields)),
        ComparisonExpression comparison => CompileComparison(comparison, Field(comparison.Property, fields)),
        _ => throw new FilterException("Invalid filter clause."),
    };

    static Func<T, bool> Both(Func<T, bool> left, Func<T, bool> right) => item => left(item) && right(item);

    static Func<T, bool> Either(Func<T, bool> left, Func<T, bool> right) => item => left(item) || right(item);

    static Func<T, bool> Negate(Func<T, bool> operand) => item => !operand(item);

    static FilterField<T> Field(string property, IReadOnlyDictionary<string, FilterField<T>> fields) =>
        fields.TryGetValue(property, out var field)
            ? field
            : throw new FilterException($"Invalid filter clause: '{property}' is not a filterable property. Supported: {string.Join(", ", fields.Keys)}.");

    static Func<T, bool> CompileFunction(FunctionExpression function, FilterField<T> field)
    {
        var text = field.Text ?? throw new FilterException($"Invalid filter clause: {function.Function} needs a string property; '{function.Property}' is not one.");
        var comparison = field.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var value = function.Value.Text;
        return function.Function switch
        {
            "contains" => item => text(item)?.Contains(value, comparison) == true,
            "startswith" => item => text(item)?.StartsWith(value, comparison) == true,
            _ => item => text(item)?.EndsWith(value, comparison) == true,
        };
    }

    static Func<T, bool> CompileComparison(ComparisonExpression comparison, FilterField<T> field)
    {
        var literal = comparison.Value;
        if (field.Time is { } time) return CompileTime(comparison, time);
        if (field.Flag is { } flag)
        {
            if (literal.Kind != FilterLiteralKind.Boolean || comparison.Operator is not (ComparisonOperator.Eq or ComparisonOperator.Ne))
            {
                throw new FilterException($"Invalid filter clause: '{comparison.Property}' is a boolean; compare it with eq/ne true or false.");
            }

            var wanted = literal.Flag!.Value;
            return comparison.Operator == ComparisonOperator.Eq ? item => flag(item) == wanted : item => flag(item) != wanted;
        }

        var text = field.Text!;
        if (literal.Kind == FilterLiteralKind.Null)
        {
            return comparison.Operator switch
            {
                ComparisonOperator.Eq => item => text(item) is null,
                ComparisonOperator.Ne => item => text(item) is not null,
                _ => throw new FilterException($"Invalid filter clause: null can only be compared with eq or ne."),
            };
        }

        if (literal.Kind != FilterLiteralKind.String)
        {
            throw new FilterException($"Invalid filter clause: '{comparison.Property}' is a string; quote the value ('{literal.Text}').");
        }

        var value = literal.Text;
        var comparer = field.IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        return comparison.Operator switch
        {
            ComparisonOperator.Eq => item => comparer.Equals(text(item), value),
            ComparisonOperator.Ne => item => !comparer.Equals(text(item), value),
            ComparisonOperator.Gt => item => text(item) is { } s && comparer.Compare(s, value) > 0,
            ComparisonOperator.Ge => item => text(item) is { } s && comparer.Compare(s, value) >= 0,
            ComparisonOperator.Lt => item => text(item) is { } s && comparer.Compare(s, value) < 0,
            _ => item => text(item) is { } s && comparer.Compare(s, value) <= 0,
        };
    }

    static Func<T, bool> CompileTime(ComparisonExpression comparison, Func<T, DateTimeOffset?> time)
    {
        var literal = comparison.Value;
        DateTimeOffset value;
        if (literal.Kind == FilterLiteralKind.DateTime) value = literal.Time!.Value;
        else if (literal.Kind == FilterLiteralKind.String && FilterParser.TryParseTime(literal.Text, out var parsed)) value = parsed;
        else throw new FilterException($"Invalid filter clause: '{comparison.Property}' is a date-time; compare it with a value like 2022-10-10T09:47:34Z.");

        return comparison.Operator switch
        {
            ComparisonOperator.Eq => item => time(item) == value,
            ComparisonOperator.Ne => item => time(item) != value,
            ComparisonOperator.Gt => item => time(item) > value,
            ComparisonOperator.Ge => item => time(item) >= value,
            ComparisonOperator.Lt => item => time(item) < value,
            _ => item => time(item) <= value,
        };
    }

    /// <summary>The tightest bounds the top-level <c>and</c> chain puts on a date-time property (for skipping ahead in time-ordered data).</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) TimeBounds(FilterExpression expression, string property)
    {
        DateTimeOffset? from = null, to = null;
        Visit(expression);
        return (from, to);

        void Visit(FilterExpression node)
        {
            if (node is AndExpression and)
            {
                Visit(and.Left);
                Visit(and.Right);
                return;
            }

            if (node is not ComparisonExpression { } comparison || !string.Equals(comparison.Property, property, StringComparison.OrdinalIgnoreCase)) return;
            DateTimeOffset value;
            if (comparison.Value.Time is { } time) value = time;
            else if (comparison.Value.Kind == FilterLiteralKind.String && FilterParser.TryParseTime(comparison.Value.Text, out var parsed)) value = parsed;
            else return;

            if (comparison.Operator is ComparisonOperator.Ge or ComparisonOperator.Gt or ComparisonOperator.Eq) from = from is null || value > from ? value : from;
            if (comparison.Operator is ComparisonOperator.Le or ComparisonOperator.Lt or ComparisonOperator.Eq) to = to is null || value < to ? value : to;
        }
    }
}
