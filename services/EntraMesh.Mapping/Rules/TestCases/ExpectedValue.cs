using System.Text.RegularExpressions;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.TestCases;

/// <summary>
/// What a test case expects of one SCIM attribute: an exact text (booleans as true/false), a list of texts,
/// a regular expression to match (for Guid or RandomString values), or absence.
/// </summary>
public sealed record ExpectedValue(ScimPath Path, SourcePosition Position)
{
    public string? Text { get; init; }

    public IReadOnlyList<string>? Items { get; init; }

    public Regex? Pattern { get; init; }

    public bool Absent => Text is null && Items is null && Pattern is null;
}
