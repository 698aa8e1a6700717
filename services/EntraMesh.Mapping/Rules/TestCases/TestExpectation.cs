namespace EntraMesh.Mapping.Rules.TestCases;

/// <summary>What a test case expects; every part is optional except that something must be expected.</summary>
public sealed class TestExpectation
{
    /// <summary>The target's name, or null for "in no target's scope".</summary>
    public Expected<string?>? Target { get; init; }

    public Expected<string>? Filter { get; init; }

    public Expected<bool>? Active { get; init; }

    /// <summary>The OU; null to expect none.</summary>
    public Expected<string?>? ParentDistinguishedName { get; init; }

    public IReadOnlyList<ExpectedValue> Values { get; init; } = [];

    /// <summary>The record must fail with a rule error containing this text.</summary>
    public Expected<string>? Error { get; init; }
}
