using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EntraMesh.Mapping.Rules.RuleSets.Yaml;

/// <summary>Reads a YAML tree with positions, collecting every error (with line, column and YAML path) instead of stopping at the first.</summary>
internal sealed class YamlReader(string source)
{
    readonly List<RuleSetError> errors = [];

    public IReadOnlyList<RuleSetError> Errors => errors;

    public string Source => source;

    public static SourcePosition PositionOf(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string path, string message) => Error(PositionOf(node), path, message);

    public void Error(SourcePosition position, string path, string message) =>
        errors.Add(new RuleSetError(position.Line, position.Column, path.Length == 0 ? "(root)" : path, message));

    public ExpressionLocation Location(YamlScalarNode node) => new ScalarLocation(source, node);

    public static bool IsNull(YamlNode? node) =>
        node is null || (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    public YamlMappingNode? Mapping(YamlNode node, string path, string what)
    {
        if (node is YamlMappingNode mapping) return mapping;
        Error(node, path, $"expected {what} (a mapping of keys to values)");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string path, string what)
    {
        if (node is YamlSequenceNode sequence) return sequence;
        Error(node, path, $"expected {what} (a list of '- ' items)");
        return null;
    }

    /// <summary>The scalar's text; null (with an error when <paramref name="required"/>) for a YAML null or a non-scalar.</summary>
    public string? Text(YamlNode? node, string path, bool required, YamlNode parent)
    {
        if (IsNull(node))
        {
            if (required) Error(node ?? parent, path, "a value is required");
            return null;
        }

        if (node is YamlScalarNode scalar) return scalar.Value;
        Error(node!, path, "expected a single value, not a list or a mapping");
        return null;
    }

    /// <summary>
    /// The entries of a mapping by key, in file order. Keys must be scalars and among <paramref name="allowed"/>
    /// (an empty list allows any key); unknown and repeated keys are errors.
    /// </summary>
    public List<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode mapping, string path, params string[] allowed)
    {
        var entries = new List<(string, YamlNode, YamlNode)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, path, "keys must be plain names");
                continue;
            }

            if (allowed.Length > 0 && !allowed.Contains(key, StringComparer.Ordinal))
            {
                var hint = allowed.FirstOrDefault(a => a.Equals(key, StringComparison.OrdinalIgnoreCase));
                Error(keyNode, Join(path, key), hint is not null
                    ? $"unknown key '{key}' (keys are case-sensitive: did you mean '{hint}'?)"
                    : $"unknown key '{key}'; expected one of {string.Join(", ", allowed)}");
                continue;
            }

            if (!seen.Add(key))
            {
                Error(keyNode, Join(path, key), $"'{key}' appears more than once");
                continue;
            }

            entries.Add((key, keyNode, value));
        }

        return entries;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Join(string path, int index) => $"{path}[{index}]";

    /// <summary>Loads the single YAML document of <paramref name="text"/>; syntax errors are reported with their position.</summary>
    public YamlNode? LoadDocument()
    {
        var stream = new YamlStream();
        try
        {
            if (TooDeep() is { } tooDeep)
            {
                errors.Add(new RuleSetError((int)tooDeep.Line, (int)tooDeep.Column, "(yaml)", $"the YAML nests more than {MaxDepth} levels deep"));
                return null;
            }

            stream.Load(new StringReader(source));
        }
        catch (Exception error) when (error is not YamlException and not OutOfMemoryException)
        {
            errors.Add(new RuleSetError(1, 1, "(yaml)", $"the YAML could not be read: {error.Message}"));
            return null;
        }
        catch (YamlException error)
        {
            var message = error.InnerException is { } inner && error.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) ? inner.Message : error.Message;
            var start = error.Start;
            errors.Add(new RuleSetError((int)Math.Max(start.Line, 1), (int)Math.Max(start.Column, 1), "(yaml)", StripMarks(message)));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            Error(new SourcePosition(1, 1), "", "the rule set is empty");
            return null;
        }

        if (stream.Documents.Count > 1) Error(stream.Documents[1].RootNode, "", "a rule-set file holds one YAML document");
        return stream.Documents[0].RootNode;
    }

    /// <summary>
    /// Rule sets nest a handful of levels; YamlStream builds its tree recursively, so a file of nothing but brackets
    /// could exhaust the stack. The event parser is iterative: it measures the depth first.
    /// </summary>
    const int MaxDepth = 64;

    Mark? TooDeep()
    {
        var parser = new Parser(new StringReader(source));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth) return parser.Current.Start;
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    /// <summary>YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the error has its own position.</summary>
    static string StripMarks(string message)
    {
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0 ? message[(marker + 3)..] : message;
    }
}
