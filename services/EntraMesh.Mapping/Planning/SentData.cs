using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// The <c>data</c> a planned change carries: everything for a joiner or a rehire; for every other change the attributes
/// whose mapping applies only at creation (<c>applyOn: creation</c>) are left out, so an existing object keeps them.
/// </summary>
public static class SentData
{
    public static JsonObject For(ChangeKind kind, JsonObject data, IReadOnlyList<string> creationOnly)
    {
        var copy = (JsonObject)data.DeepClone();
        if (kind is ChangeKind.Joiner or ChangeKind.Rehire) return copy;
        foreach (var attribute in creationOnly)
        {
            if (ScimPath.Parse(attribute).Path is { } path) Remove(copy, path);
        }

        return copy;
    }

    static void Remove(JsonObject data, ScimPath path)
    {
        var container = path.Schema is null ? data : data[path.Schema] as JsonObject;
        if (container is null) return;
        if (path.FilterValue is not null)
        {
            if (container[path.Attribute] is not JsonArray array) return;
            var element = array.OfType<JsonObject>().FirstOrDefault(e => e["type"]?.GetValue<string>() == path.FilterValue);
            element?.Remove(path.SubAttribute!);
            if (element is not null && element.All(pair => pair.Key == "type")) array.Remove(element);
            if (array.Count == 0) container.Remove(path.Attribute);
        }
        else if (path.SubAttribute is not null)
        {
            if (container[path.Attribute] is not JsonObject complex) return;
            complex.Remove(path.SubAttribute);
            if (complex.Count == 0) container.Remove(path.Attribute);
        }
        else
        {
            container.Remove(path.Attribute);
        }

        if (path.Schema is not null && container.Count == 0)
        {
            if (path.Schema != ScimSchemas.EnterpriseUser && data["schemas"] is JsonArray schemas)
            {
                var listed = schemas.FirstOrDefault(s => s?.GetValue<string>() == path.Schema);
                if (listed is not null) schemas.Remove(listed);
            }

            data.Remove(path.Schema);
        }
    }
}
