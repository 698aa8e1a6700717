using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.TestCases;

/// <summary>One expectation of a test case and where it is written.</summary>
public sealed record Expected<T>(T Value, SourcePosition Position);
