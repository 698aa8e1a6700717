namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>The clock of Now() and the randomness of Guid() and RandomString: injected so tests are deterministic.</summary>
public sealed record EvaluationEnvironment(TimeProvider Time, Randomness Random)
{
    public static EvaluationEnvironment Default { get; } = new(TimeProvider.System, Randomness.Secure);
}
