namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>
/// Where Guid() and RandomString take their randomness. <see cref="Secure"/> in production (RandomString makes
/// passwords); <see cref="FromSeed"/> makes tests and rule-set test cases repeatable.
/// </summary>
public abstract class Randomness
{
    public static Randomness Secure { get; } = new SecureRandomness();

    public static Randomness FromSeed(int seed) => new SeededRandomness(seed);

    /// <summary>A number from 0 up to, not including, <paramref name="maxExclusive"/>.</summary>
    public abstract int Next(int maxExclusive);

    public abstract void Fill(Span<byte> buffer);
}
