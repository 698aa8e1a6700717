using System.Text.Json.Nodes;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>Writes and reads SCIM attributes by <see cref="ScimPath"/> in a bulk operation's <c>data</c> object.</summary>
public static class ScimData
{
    /// <summary>A fresh <c>data</c> object: the schemas array comes first and is completed by <see cref="CompleteSchemas"/>.</summary>
    public static JsonObject Create() => new() { ["schemas"] = new JsonArray() };

    public static void Set(JsonObject data, ScimPath path, JsonNode? value)
    {
        var container = path.Schema is null ? data : ObjectAt(data, path.Schema);
        if (path.FilterValue is not null)
        {
            var array = container[path.Attribute] as JsonArray;
            if (array is null)
            {
                array = [];
                container[path.Attribute] = array;
            }

            var element = FindElement(array, path.FilterValue);
            if (element is null)
            {
                element = new JsonObject { ["type"] = path.FilterValue };
                array.Add(element);
            }

            element[path.SubAttribute!] = value;
        }
        else if (path.SubAttribute is not null)
        {
            ObjectAt(container, path.Attribute)[path.SubAttribute] = value;
        }
        else
        {
            container[path.Attribute] = value;
        }
    }

    /// <summary>The value at <paramref name="path"/>, or null when the data does not carry it.</summary>
    public static JsonNode? Read(JsonObject data, ScimPath path)
    {
        var container = path.Schema is null ? data : data[path.Schema] as JsonObject;
        if (container is null) return null;
        if (path.FilterValue is not null)
        {
            return container[path.Attribute] is JsonArray array ? FindElement(array, path.FilterValue)?[path.SubAttribute!] : null;
        }

        return path.SubAttribute is not null
            ? (container[path.Attribute] as JsonObject)?[path.SubAttribute]
            : container[path.Attribute];
    }

    /// <summary>Core and enterprise always (Entra requires both), then every other namespace the data uses, in order.</summary>
    public static void CompleteSchemas(JsonObject data)
    {
        var schemas = (JsonArray)data["schemas"]!;
        schemas.Add(ScimSchemas.CoreUser);
        schemas.Add(ScimSchemas.EnterpriseUser);
        foreach (var (key, _) in data)
        {
            if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && key != ScimSchemas.EnterpriseUser) schemas.Add(key);
        }
    }

    /// <summary>
    /// Every value of the data by attribute path, in the notation of rule sets (<c>name.givenName</c>,
    /// <c>addresses[type eq "work"].locality</c>, <c>urn:...:enterprise:2.0:User:manager.value</c>), as JSON text.
    /// <c>schemas</c> is left out.
    /// </summary>
    public static Dictionary<string, string> Flatten(JsonObject data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in data)
        {
            if (key == "schemas") continue;
            if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && value is JsonObject extension) FlattenInto(values, key + ":", extension);
            else FlattenInto(values, "", new JsonObject { [key] = value?.DeepClone() });
        }

        return values;
    }

    /// <summary>The attribute paths whose values differ between two data objects (all of them when there is no previous one).</summary>
    public static IReadOnlyList<string> ChangedAttributes(JsonObject? previous, JsonObject current)
    {
        var before = previous is null ? [] : Flatten(previous);
        var after = Flatten(current);
        return after.Keys.Union(before.Keys, StringComparer.Ordinal)
            .Where(path => !before.TryGetValue(path, out var old) || !after.TryGetValue(path, out var now) || old != now)
            .ToList();
    }

    static void FlattenInto(Dictionary<string, string> values, string prefix, JsonObject container)
    {
        foreach (var (key, value) in container)
        {
            switch (value)
            {
                case JsonObject complex:
                    foreach (var (sub, subValue) in complex) values[$"{prefix}{key}.{sub}"] = subValue?.ToJsonString() ?? "null";
                    break;
                case JsonArray array when array.All(item => item is JsonObject element && element["type"] is not null):
                    foreach (var element in array.OfType<JsonObject>())
                    {
                        var type = element["type"]!.ToString();
                        foreach (var (sub, subValue) in element)
                        {
                            if (sub != "type") values[$"{prefix}{key}[type eq \"{type}\"].{sub}"] = subValue?.ToJsonString() ?? "null";
                        }
                    }

                    break;
                default:
                    values[prefix + key] = value?.ToJsonString() ?? "null";
                    break;
            }
        }
    }

    static JsonObject ObjectAt(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing) return existing;
        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    static JsonObject? FindElement(JsonArray array, string type)
    {
        foreach (var element in array)
        {
            if (element is JsonObject item && item["type"]?.GetValue<string>() == type) return item;
        }

        return null;
    }
}
