namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>One error of a rule set: 1-based line and column, the YAML path, and what is wrong.</summary>
public sealed record RuleSetErrorResponse(int Line, int Column, string Path, string Message);
