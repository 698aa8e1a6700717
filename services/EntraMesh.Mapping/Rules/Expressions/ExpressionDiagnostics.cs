using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>Collects the errors found while compiling one expression.</summary>
public sealed class ExpressionDiagnostics
{
    readonly List<ExpressionError> errors = [];

    public IReadOnlyList<ExpressionError> Errors => errors;

    public void Error(int offset, int length, string message) => errors.Add(new ExpressionError(offset, Math.Max(length, 1), message));

    public void Error(ExpressionNode node, string message) => Error(node.Start, node.Length, message);

    /// <summary>The argument's text when it is a constant (string or number), for compile-time checks.</summary>
    public static bool TryGetConstant(ExpressionNode? node, out string text)
    {
        switch (node)
        {
            case StringNode s:
                text = s.Text;
                return true;
            case IntegerNode i:
                text = i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case NamedConstantNode n:
                text = n.Name;
                return true;
            default:
                text = "";
                return false;
        }
    }
}
