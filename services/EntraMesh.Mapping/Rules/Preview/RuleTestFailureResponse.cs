namespace EntraMesh.Mapping.Rules.Preview;

public sealed record RuleTestFailureResponse(int Line, int Column, string Message);
