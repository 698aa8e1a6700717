namespace EntraMesh.Mapping.Rules.Scoping;

/// <summary>A named scoping filter: its clauses are ANDed. A target's filters are ORed (see <see cref="Scope"/>).</summary>
public sealed class ScopingFilter(string name, IReadOnlyList<ScopingClause> clauses)
{
    public string Name { get; } = name;

    public IReadOnlyList<ScopingClause> Clauses { get; } = clauses;

    public bool Matches(IReadOnlyDictionary<string, string?> attributes)
    {
        foreach (var clause in Clauses)
        {
            if (!clause.Matches(attributes)) return false;
        }

        return true;
    }
}
