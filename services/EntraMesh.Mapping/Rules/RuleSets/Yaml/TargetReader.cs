using System.Text.RegularExpressions;
using EntraMesh.Mapping.Rules.Expressions;
using EntraMesh.Mapping.Rules.Expressions.Syntax;
using EntraMesh.Mapping.Rules.Scoping;
using YamlDotNet.RepresentationModel;

namespace EntraMesh.Mapping.Rules.RuleSets.Yaml;

/// <summary>Reads the <c>targets</c> of a rule set: names, kinds, scoping filters, mappings, active and the OU.</summary>
internal static partial class TargetReader
{
    const int MaxTargets = 64;
    const int MaxMappings = 1_000;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex TargetName();

    public static List<RuleTarget> Read(YamlReader reader, YamlNode node, string path)
    {
        var targets = new List<RuleTarget>();
        if (reader.Sequence(node, path, "a list of targets") is not { } sequence) return targets;
        if (sequence.Children.Count == 0) reader.Error(node, path, "at least one target is needed");
        if (sequence.Children.Count > MaxTargets)
        {
            reader.Error(node, path, $"a rule set has at most {MaxTargets} targets");
            return targets;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = YamlReader.Join(path, i);
            if (reader.Mapping(sequence.Children[i], itemPath, "a target") is not { } mapping) continue;
            var target = ReadTarget(reader, mapping, itemPath);
            if (target is null) continue;
            if (targets.Any(t => t.Name.Equals(target.Name, StringComparison.OrdinalIgnoreCase)))
            {
                reader.Error(target.Position, YamlReader.Join(itemPath, "name"), $"a target named '{target.Name}' is already defined");
                continue;
            }

            targets.Add(target);
        }

        return targets;
    }

    static RuleTarget? ReadTarget(YamlReader reader, YamlMappingNode mapping, string path)
    {
        string? name = null;
        TargetKind? kind = null;
        var scope = new Scope([]);
        List<AttributeMapping>? mappings = null;
        LocatedExpression? active = null;
        LocatedExpression? ou = null;
        YamlNode? ouNode = null;
        var namePosition = YamlReader.PositionOf(mapping);

        foreach (var (key, keyNode, value) in reader.Entries(mapping, path, "name", "kind", "scope", "active", "parentDistinguishedName", "mappings"))
        {
            var valuePath = YamlReader.Join(path, key);
            switch (key)
            {
                case "name":
                    name = reader.Text(value, valuePath, required: true, keyNode);
                    namePosition = YamlReader.PositionOf(value);
                    if (name is not null && !TargetName().IsMatch(name))
                    {
                        reader.Error(value, valuePath, "a target name has letters, digits, '.', '_' or '-' (at most 64); dispatch maps it to a provisioning job");
                    }

                    break;
                case "kind":
                    kind = ReadKind(reader, value, valuePath, keyNode);
                    break;
                case "scope":
                    scope = ScopeReader.Read(reader, value, valuePath);
                    break;
                case "active":
                    active = ReadExpression(reader, value, valuePath, keyNode);
                    break;
                case "parentDistinguishedName":
                    ou = ReadExpression(reader, value, valuePath, keyNode);
                    ouNode = keyNode;
                    break;
                default:
                    mappings = ReadMappings(reader, value, valuePath);
                    break;
            }
        }

        if (name is null && !HasKey(mapping, "name")) reader.Error(mapping, YamlReader.Join(path, "name"), "a target needs a name");
        if (kind is null && !HasKey(mapping, "kind")) reader.Error(mapping, YamlReader.Join(path, "kind"), "a target needs a kind: cloud or onPremises");
        if (mappings is null && !HasKey(mapping, "mappings")) reader.Error(mapping, YamlReader.Join(path, "mappings"), "a target needs mappings");
        if (kind == TargetKind.Cloud && ouNode is not null)
        {
            reader.Error(ouNode, YamlReader.Join(path, "parentDistinguishedName"), "only an onPremises target has an OU");
        }

        if (name is null || kind is null || mappings is null) return null;
        return new RuleTarget
        {
            Name = name,
            Kind = kind.Value,
            Scope = scope,
            Mappings = mappings,
            Active = active,
            ParentDistinguishedName = ou,
            Position = namePosition,
        };
    }

    static bool HasKey(YamlMappingNode mapping, string key) => mapping.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == key);

    static TargetKind? ReadKind(YamlReader reader, YamlNode value, string path, YamlNode keyNode)
    {
        var text = reader.Text(value, path, required: true, keyNode);
        switch (text?.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())
        {
            case null:
                return null;
            case "cloud":
                return TargetKind.Cloud;
            case "onpremises":
                return TargetKind.OnPremises;
            default:
                reader.Error(value, path, $"unknown kind '{text}': expected cloud or onPremises");
                return null;
        }
    }

    static List<AttributeMapping> ReadMappings(YamlReader reader, YamlNode node, string path)
    {
        var mappings = new List<AttributeMapping>();
        if (reader.Mapping(node, path, "SCIM attributes mapped to expressions") is not { } mapping) return mappings;
        if (mapping.Children.Count > MaxMappings)
        {
            reader.Error(node, path, $"a target has at most {MaxMappings} mappings");
            return mappings;
        }
        foreach (var (key, keyNode, value) in reader.Entries(mapping, path))
        {
            var entryPath = YamlReader.Join(path, key);
            var (target, error) = ScimPath.Parse(key);
            if (target is null)
            {
                reader.Error(keyNode, entryPath, error!);
                continue;
            }

            if (mappings.Any(m => m.Target.Equals(target)))
            {
                reader.Error(keyNode, entryPath, $"{target.Text} is mapped more than once");
                continue;
            }

            var read = value is YamlMappingNode detailed ? ReadDetailedMapping(reader, detailed, entryPath, target) : ReadSimpleMapping(reader, value, entryPath, target, keyNode);
            if (read is not null) mappings.Add(read);
        }

        if (mappings.Count == 0 && mapping.Children.Count == 0) reader.Error(node, path, "at least one mapping is needed");
        return mappings;
    }

    static AttributeMapping? ReadSimpleMapping(YamlReader reader, YamlNode value, string path, ScimPath target, YamlNode keyNode)
    {
        var expression = ReadExpression(reader, value, path, keyNode);
        if (expression is null) return null;
        var kind = expression.Expression.Root switch
        {
            AttributeNode => MappingSource.Direct,
            StringNode or IntegerNode => MappingSource.Constant,
            _ => MappingSource.Expression,
        };
        return Checked(reader, new AttributeMapping(target, expression, kind), path);
    }

    /// <summary><c>{ expression: ... }</c>, <c>{ attribute: Name }</c> or <c>{ constant: text }</c>, with optional <c>applyOn: always | creation</c>.</summary>
    static AttributeMapping? ReadDetailedMapping(YamlReader reader, YamlMappingNode mapping, string path, ScimPath target)
    {
        LocatedExpression? source = null;
        MappingSource kind = MappingSource.Expression;
        var creationOnly = false;
        var sources = 0;
        foreach (var (key, keyNode, value) in reader.Entries(mapping, path, "expression", "attribute", "constant", "applyOn"))
        {
            var valuePath = YamlReader.Join(path, key);
            if (key == "applyOn")
            {
                var applyOn = reader.Text(value, valuePath, required: true, keyNode);
                creationOnly = applyOn?.ToLowerInvariant() switch
                {
                    "always" or null => false,
                    "creation" or "creationonly" => true,
                    _ => Invalid(reader, value, valuePath, $"unknown applyOn '{applyOn}': expected always or creation"),
                };
                continue;
            }

            sources++;
            if (key == "expression")
            {
                (source, kind) = (ReadExpression(reader, value, valuePath, keyNode), MappingSource.Expression);
                continue;
            }

            var text = reader.Text(value, valuePath, required: key == "attribute", keyNode);
            var compiled = key == "attribute" ? CompileAttribute(reader, value, valuePath, text) : CompileConstant(reader, value, valuePath, text ?? "");
            (source, kind) = (compiled is null ? null : new LocatedExpression(compiled, ExpressionLocation.At(YamlReader.PositionOf(value))),
                key == "attribute" ? MappingSource.Direct : MappingSource.Constant);
        }

        if (sources != 1)
        {
            reader.Error(mapping, path, "a mapping has exactly one of expression, attribute or constant");
            return null;
        }

        return source is null ? null : Checked(reader, new AttributeMapping(target, source, kind) { CreationOnly = creationOnly }, path);
    }

    static RuleExpression? CompileAttribute(YamlReader reader, YamlNode value, string path, string? name)
    {
        if (name is null) return null;
        if (name.Length > 0 && !name.Contains(']') && !name.Contains('\n')) return RuleExpression.Attribute(name);
        reader.Error(value, path, "an attribute name is not empty and has no ']' or line break");
        return null;
    }

    static RuleExpression? CompileConstant(YamlReader reader, YamlNode value, string path, string text)
    {
        if (text.Length <= ExpressionParser.MaxLength - 2) return RuleExpression.Constant(text);
        reader.Error(value, path, $"a constant longer than {ExpressionParser.MaxLength - 2:N0} characters exceeds Entra's expression limit");
        return null;
    }

    static AttributeMapping? Checked(YamlReader reader, AttributeMapping mapping, string path)
    {
        if (mapping.Source.Expression.SelectsUniqueValue && mapping.Target.IsExternalId)
        {
            reader.Error(mapping.Source.Position, path, "externalId is the worker's identity: it cannot come from SelectUniqueValue");
            return null;
        }

        return mapping;
    }

    /// <summary>Compiles a scalar as an expression; each error is reported at the character it concerns.</summary>
    public static LocatedExpression? ReadExpression(YamlReader reader, YamlNode value, string path, YamlNode keyNode)
    {
        var text = reader.Text(value, path, required: true, keyNode);
        if (text is null) return null;
        var location = reader.Location((YamlScalarNode)value);
        var compilation = RuleExpression.Compile(text);
        foreach (var error in compilation.Errors) reader.Error(location.At(error.Offset), path, error.Message);
        return compilation.Expression is null ? null : new LocatedExpression(compilation.Expression, location);
    }

    static bool Invalid(YamlReader reader, YamlNode node, string path, string message)
    {
        reader.Error(node, path, message);
        return false;
    }
}
