using System.Buffers.Binary;
using System.Buffers.Text;

namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>Where an entry sits in the log order (activity time, then sequence); a <c>$skiptoken</c> carries the last one of a page.</summary>
public readonly record struct LogPosition(long Ticks, long Sequence) : IComparable<LogPosition>
{
    public static LogPosition Of(ProvisioningLogEntry entry) => new(entry.ActivityDateTime.UtcTicks, entry.Sequence);

    public int CompareTo(LogPosition other) => Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks) : Sequence.CompareTo(other.Sequence);

    /// <summary>An opaque page token.</summary>
    public string ToToken()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Ticks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Sequence);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string token, out LogPosition position)
    {
        position = default;
        Span<byte> bytes = stackalloc byte[24];
        try
        {
            if (token.Length > 32 || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != 16) return false;
        }
        catch (FormatException)
        {
            return false;
        }

        position = new LogPosition(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
        return true;
    }
}
