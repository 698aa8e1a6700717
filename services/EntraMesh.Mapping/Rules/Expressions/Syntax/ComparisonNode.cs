using System.Globalization;

namespace EntraMesh.Mapping.Rules.Expressions.Syntax;

/// <summary>
/// <c>left = right</c> (also <c>&lt;&gt;</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c>): True or False.
/// Whole numbers compare as numbers, dates as dates, anything else as case-sensitive text. As Entra documents for
/// IIF, the check fails (is False) when either side is null.
/// </summary>
public sealed class ComparisonNode(ComparisonOperator op, ExpressionNode left, ExpressionNode right, int start, int length)
    : ExpressionNode(start, length)
{
    public ComparisonOperator Operator { get; } = op;

    public ExpressionNode Left { get; } = left;

    public ExpressionNode Right { get; } = right;

    internal override Value Evaluate(EvaluationContext context)
    {
        var left = Left.Evaluate(context);
        var right = Right.Evaluate(context);
        if (left.IsNull || right.IsNull) return Value.FromBoolean(false);

        var order = Compare(left, right);
        return Value.FromBoolean(Operator switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.GreaterThan => order > 0,
            ComparisonOperator.GreaterThanOrEqual => order >= 0,
            ComparisonOperator.LessThan => order < 0,
            _ => order <= 0,
        });
    }

    public override IEnumerable<ExpressionNode> DescendantsAndSelf() =>
        new[] { (ExpressionNode)this }.Concat(Left.DescendantsAndSelf()).Concat(Right.DescendantsAndSelf());

    static int Compare(Value left, Value right)
    {
        if (left.Kind == ValueKind.DateTime && right.Kind == ValueKind.DateTime)
        {
            return left.DateTimeValue.CompareTo(right.DateTimeValue);
        }

        if (TryInteger(left, out var l) && TryInteger(right, out var r)) return l.CompareTo(r);
        return string.CompareOrdinal(left.AsText(), right.AsText());
    }

    static bool TryInteger(Value value, out long number)
    {
        if (value.Kind == ValueKind.Integer)
        {
            number = value.IntegerValue;
            return true;
        }

        number = 0;
        return value.Kind == ValueKind.String
            && long.TryParse(value.AsText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }
}
