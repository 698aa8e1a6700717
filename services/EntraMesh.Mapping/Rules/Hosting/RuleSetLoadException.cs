namespace EntraMesh.Mapping.Rules.Hosting;

/// <summary>The configured rule set is missing or invalid: the service refuses to start and says why.</summary>
public sealed class RuleSetLoadException(string message) : Exception(message);
