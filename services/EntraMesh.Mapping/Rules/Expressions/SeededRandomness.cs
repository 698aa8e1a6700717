namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>A repeatable sequence from a seed, safe to share between threads.</summary>
internal sealed class SeededRandomness(int seed) : Randomness
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
