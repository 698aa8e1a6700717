using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>Is <see cref="Value"/> free for <see cref="Attribute"/> in <see cref="Target"/>? A value this worker already holds counts as free.</summary>
public sealed record UniqueValueQuery(string Target, ScimPath Attribute, string Value, string WorkerId, string SourceId);

/// <summary>The caller's uniqueness check for SelectUniqueValue: true when the value may be used.</summary>
public delegate ValueTask<bool> UniqueValueCheck(UniqueValueQuery query, CancellationToken cancellationToken);
