using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch.Configuration;

/// <summary>The configured targets, by the name the mapping rules use (case-insensitive).</summary>
public sealed class TargetCatalog
{
    readonly Dictionary<string, DispatchTarget> byName;

    public TargetCatalog(IOptions<DispatchOptions> options)
    {
        All = options.Value.Targets.Select(DispatchTarget.From).ToList();
        byName = All.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<DispatchTarget> All { get; }

    public bool TryGet(string name, out DispatchTarget target) => byName.TryGetValue(name, out target!);
}
