using System.Security.Cryptography;

namespace EntraMesh.Mapping.Rules.Expressions;

/// <summary>The operating system's cryptographic random numbers.</summary>
internal sealed class SecureRandomness : Randomness
{
    public override int Next(int maxExclusive) => RandomNumberGenerator.GetInt32(maxExclusive);

    public override void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
