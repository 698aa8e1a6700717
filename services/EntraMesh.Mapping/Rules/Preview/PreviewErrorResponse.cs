namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>Why the rules could not map the record for its target.</summary>
public sealed record PreviewErrorResponse(string Attribute, string Expression, int Line, int Column, string Message);
