using System.Security.Cryptography;

namespace EntraMesh.Ingest.Webhooks;

/// <summary>HMAC-SHA256 helpers shared by the adapters; comparisons are constant-time.</summary>
public static class Hmac
{
    /// <summary>HMAC-SHA256 of <paramref name="prefix"/> + <paramref name="body"/> + <paramref name="suffix"/>.</summary>
    public static byte[] Compute(byte[] secret, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> suffix)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        hmac.AppendData(suffix);
        return hmac.GetHashAndReset();
    }

    /// <summary>True when <paramref name="hex"/> is the lower- or upper-case hex form of <paramref name="expected"/>.</summary>
    public static bool HexEquals(string hex, byte[] expected)
    {
        if (hex.Length != expected.Length * 2) return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
