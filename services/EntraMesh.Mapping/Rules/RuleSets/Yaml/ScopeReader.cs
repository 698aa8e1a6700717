using EntraMesh.Mapping.Rules.Scoping;
using YamlDotNet.RepresentationModel;

namespace EntraMesh.Mapping.Rules.RuleSets.Yaml;

/// <summary>
/// Reads a target's <c>scope</c>: a list of filters, each <c>{ name, clauses: [ { attribute, operator, value } ] }</c>.
/// Clauses of a filter are ANDed, filters are ORed.
/// </summary>
internal static class ScopeReader
{
    const int MaxFilters = 100;

    public static Scope Read(YamlReader reader, YamlNode node, string path)
    {
        var filters = new List<ScopingFilter>();
        if (YamlReader.IsNull(node) || reader.Sequence(node, path, "a list of scoping filters") is not { } sequence) return new Scope(filters);
        if (sequence.Children.Count > MaxFilters)
        {
            reader.Error(node, path, $"a target has at most {MaxFilters} scoping filters");
            return new Scope(filters);
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var filterPath = YamlReader.Join(path, i);
            if (reader.Mapping(sequence.Children[i], filterPath, "a scoping filter with name and clauses") is not { } mapping) continue;
            var name = $"filter {i + 1}";
            var clauses = new List<ScopingClause>();
            var sawClauses = false;
            foreach (var (key, keyNode, value) in reader.Entries(mapping, filterPath, "name", "clauses"))
            {
                if (key == "name")
                {
                    name = reader.Text(value, YamlReader.Join(filterPath, key), required: true, keyNode) ?? name;
                    continue;
                }

                sawClauses = true;
                clauses.AddRange(ReadClauses(reader, value, YamlReader.Join(filterPath, key)));
            }

            if (!sawClauses) reader.Error(mapping, filterPath, "a scoping filter needs clauses");
            if (filters.Any(f => f.Name == name)) reader.Error(mapping, filterPath, $"a filter named '{name}' is already defined for this target");
            filters.Add(new ScopingFilter(name, clauses));
        }

        return new Scope(filters);
    }

    static List<ScopingClause> ReadClauses(YamlReader reader, YamlNode node, string path)
    {
        var clauses = new List<ScopingClause>();
        if (reader.Sequence(node, path, "a list of clauses") is not { } sequence) return clauses;
        if (sequence.Children.Count == 0) reader.Error(node, path, "a scoping filter needs at least one clause");

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var clausePath = YamlReader.Join(path, i);
            if (reader.Mapping(sequence.Children[i], clausePath, "a clause with attribute, operator and value") is not { } mapping) continue;
            string? attribute = null, op = null, value = null;
            YamlNode operatorNode = mapping;
            foreach (var (key, keyNode, entry) in reader.Entries(mapping, clausePath, "attribute", "operator", "value"))
            {
                var entryPath = YamlReader.Join(clausePath, key);
                switch (key)
                {
                    case "attribute":
                        attribute = reader.Text(entry, entryPath, required: true, keyNode);
                        break;
                    case "operator":
                        op = reader.Text(entry, entryPath, required: true, keyNode);
                        operatorNode = entry;
                        break;
                    default:
                        value = reader.Text(entry, entryPath, required: false, keyNode);
                        break;
                }
            }

            if (attribute is null || op is null)
            {
                reader.Error(mapping, clausePath, "a clause needs an attribute and an operator");
                continue;
            }

            var (clause, error) = ScopingClause.Create(attribute, op, value);
            if (clause is null) reader.Error(operatorNode, clausePath, error!);
            else clauses.Add(clause);
        }

        return clauses;
    }
}
