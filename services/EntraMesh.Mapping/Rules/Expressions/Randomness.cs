using System.Security.Cryptography;

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

    sealed class SecureRandomness : Randomness
    {
        public override int Next(int maxExclusive) => RandomNumberGenerator.GetInt32(maxExclusive);

        public override void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
    }

    sealed class SeededRandomness(int seed) : Randomness
    {
        readonly Random random = new(seed);
        readonly Lock gate = new();

        public override int Next(int maxExclusive)
        {
            lock (gate) return random.Next(maxExclusive);
        }

        public override void Fill(Span<byte> buffer)
        {
            lock (gate) random.NextBytes(buffer);
        }
    }
}
