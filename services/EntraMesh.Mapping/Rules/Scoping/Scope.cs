namespace EntraMesh.Mapping.Rules.Scoping;

/// <summary>A target's scoping filters, ORed. No filter at all puts every record in scope, as in Entra.</summary>
public sealed class Scope(IReadOnlyList<ScopingFilter> filters)
{
    /// <summary>The name reported when a target without filters takes a record.</summary>
    public const string Everyone = "(no scoping filter)";

    public IReadOnlyList<ScopingFilter> Filters { get; } = filters;

    /// <summary>Whether the record is in scope, and the name of the first filter that took it.</summary>
    public bool Matches(IReadOnlyDictionary<string, string?> attributes, out string? filter)
    {
        if (Filters.Count == 0)
        {
            filter = Everyone;
            return true;
        }

        foreach (var candidate in Filters)
        {
            if (!candidate.Matches(attributes)) continue;
            filter = candidate.Name;
            return true;
        }

        filter = null;
        return false;
    }
}
