using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.TestCases;

/// <summary>A test case written in the rule set: an input record and what the rules must make of it.</summary>
public sealed class RuleTestCase
{
    public required string Name { get; init; }

    public required SourcePosition Position { get; init; }

    public required WorkerRecord Record { get; init; }

    /// <summary>The instant Now() returns; the real clock when absent.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Values SelectUniqueValue must treat as taken.</summary>
    public IReadOnlySet<string> TakenValues { get; init; } = new HashSet<string>();

    public required TestExpectation Expect { get; init; }
}
