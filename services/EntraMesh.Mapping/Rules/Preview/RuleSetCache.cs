using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>
/// Compiled candidate rule sets by content: an administrator who validates and previews the same file again and again
/// has it parsed once. Bounded; when full it starts over.
/// </summary>
public sealed class RuleSetCache
{
    const int Capacity = 32;

    readonly ConcurrentDictionary<string, RuleSetLoad> entries = new(StringComparer.Ordinal);

    public RuleSetLoad Load(string text, string sourceName)
    {
        var key = $"{sourceName}\n{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}";
        if (entries.TryGetValue(key, out var cached)) return cached;
        var load = RuleSetLoader.Load(text, sourceName);
        if (entries.Count >= Capacity) entries.Clear();
        entries[key] = load;
        return load;
    }
}
