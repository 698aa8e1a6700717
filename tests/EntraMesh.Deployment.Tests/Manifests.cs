using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EntraMesh.Deployment.Tests;

/// <summary>Rendered multi-document YAML as JSON objects, with the queries the assertions need.</summary>
internal sealed class Manifests(IReadOnlyList<JsonObject> objects)
{
    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    public static Manifests Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var objects = stream.Documents
            .Select(document => ToJson(document.RootNode))
            .OfType<JsonObject>()
            .ToList();
        return new Manifests(objects);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    public static string? Component(JsonObject o) => (string?)o["metadata"]?["labels"]?["app.kubernetes.io/component"];

    public JsonObject Deployment(string component) =>
        OfKind("Deployment").Single(d => Component(d) == component);

    public static JsonArray Containers(JsonObject deployment) => (JsonArray)deployment["spec"]!["template"]!["spec"]!["containers"]!;

    public static IEnumerable<JsonObject> Env(JsonObject deployment) =>
        Containers(deployment).SelectMany(c => ((JsonArray?)c!["env"])?.OfType<JsonObject>() ?? []);

    static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => Mapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    /// <summary>A mapping, with YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied: merged entries first, explicit ones win.</summary>
    static JsonObject Mapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children.Where(pair => ((YamlScalarNode)pair.Key).Value == "<<"))
        {
            var merged = value is YamlSequenceNode sequence ? sequence.Children.OfType<YamlMappingNode>() : [(YamlMappingNode)value];
            foreach (var source in merged)
            {
                foreach (var (name, child) in Mapping(source)) result[name] = child?.DeepClone();
            }
        }

        foreach (var (key, value) in mapping.Children.Where(pair => ((YamlScalarNode)pair.Key).Value != "<<"))
        {
            result[((YamlScalarNode)key).Value!] = ToJson(value);
        }

        return result;
    }

    static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded) return JsonValue.Create(value);
        if (value is null or "null" or "~" or "") return null;
        if (value is "true" or "false") return JsonValue.Create(value == "true");
        if (long.TryParse(value, out var number)) return JsonValue.Create(number);
        return JsonValue.Create(value);
    }
}
