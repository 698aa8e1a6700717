using EntraMesh.Mapping.Rules.TestCases;
using YamlDotNet.RepresentationModel;

namespace EntraMesh.Mapping.Rules.RuleSets.Yaml;

/// <summary>
/// Reads a test case's <c>expect</c>: <c>target</c> (a name, or <c>none</c>), <c>filter</c>, <c>active</c>,
/// <c>parentDistinguishedName</c>, <c>error</c>, and <c>values</c> (SCIM path to a text, a list, <c>{ regex: ... }</c>,
/// or null for "not sent").
/// </summary>
internal static class ExpectationReader
{
    public static TestExpectation? Read(YamlReader reader, YamlNode node, string path, IReadOnlyList<RuleTarget> targets)
    {
        if (reader.Mapping(node, path, "the expected outcome") is not { } mapping) return null;
        Expected<string?>? target = null;
        Expected<string>? filter = null, error = null;
        Expected<bool>? active = null;
        Expected<string?>? ou = null;
        var values = new List<ExpectedValue>();

        foreach (var (key, keyNode, value) in reader.Entries(mapping, path, "target", "filter", "active", "parentDistinguishedName", "values", "error"))
        {
            var valuePath = YamlReader.Join(path, key);
            var position = YamlReader.PositionOf(value);
            switch (key)
            {
                case "target":
                    var name = reader.Text(value, valuePath, required: false, keyNode);
                    if (string.Equals(name, "none", StringComparison.OrdinalIgnoreCase)) name = null;
                    if (name is not null && !targets.Any(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                    {
                        reader.Error(value, valuePath, $"no target is named '{name}' (use none for \"in no target's scope\")");
                    }

                    target = new(name, position);
                    break;
                case "filter":
                    filter = reader.Text(value, valuePath, required: true, keyNode) is { } f ? new(f, position) : null;
                    break;
                case "active":
                    active = TestCaseReader.ReadBoolean(reader, value, valuePath, reader.Text(value, valuePath, required: true, keyNode)) is { } a ? new(a, position) : null;
                    break;
                case "parentDistinguishedName":
                    ou = new(reader.Text(value, valuePath, required: false, keyNode), position);
                    break;
                case "error":
                    error = reader.Text(value, valuePath, required: true, keyNode) is { } e ? new(e, position) : null;
                    break;
                default:
                    values.AddRange(ReadValues(reader, value, valuePath));
                    break;
            }
        }

        if (mapping.Children.Count == 0) reader.Error(node, path, "expect at least one of target, filter, active, parentDistinguishedName, values or error");
        return new TestExpectation { Target = target, Filter = filter, Active = active, ParentDistinguishedName = ou, Values = values, Error = error };
    }

    static List<ExpectedValue> ReadValues(YamlReader reader, YamlNode node, string path)
    {
        var values = new List<ExpectedValue>();
        if (reader.Mapping(node, path, "SCIM attributes and their expected values") is not { } mapping) return values;
        foreach (var (key, keyNode, value) in reader.Entries(mapping, path))
        {
            var valuePath = YamlReader.Join(path, key);
            var (scimPath, problem) = key.Equals("active", StringComparison.OrdinalIgnoreCase) ? (null, "expect active with expect.active") : ScimPath.Parse(key);
            if (scimPath is null)
            {
                reader.Error(keyNode, valuePath, problem!);
                continue;
            }

            var expected = new ExpectedValue(scimPath, YamlReader.PositionOf(value));
            switch (value)
            {
                case YamlSequenceNode list:
                    values.Add(expected with { Items = list.Children.Select(item => reader.Text(item, valuePath, required: true, value) ?? "").ToList() });
                    break;
                case YamlMappingNode pattern:
                    var entries = reader.Entries(pattern, valuePath, "regex");
                    if (entries.Count == 1)
                    {
                        var (_, regexKey, regexNode) = entries[0];
                        var regex = TestCaseReader.ReadPattern(reader, regexNode, YamlReader.Join(valuePath, "regex"), reader.Text(regexNode, valuePath, required: true, regexKey));
                        if (regex is not null) values.Add(expected with { Pattern = regex });
                    }
                    else
                    {
                        reader.Error(value, valuePath, "expected { regex: <pattern> }");
                    }

                    break;
                default:
                    values.Add(expected with { Text = reader.Text(value, valuePath, required: false, keyNode) });
                    break;
            }
        }

        return values;
    }
}
