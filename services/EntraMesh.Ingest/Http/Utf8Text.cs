using System.Buffers;
using System.Text;

namespace EntraMesh.Ingest.Http;

/// <summary>UTF-8 checks for request bodies (JSON on the wire is UTF-8, RFC 8259).</summary>
public static class Utf8Text
{
    /// <summary>The offset of the first byte that is not part of a valid UTF-8 sequence; null when all of it is valid.</summary>
    public static int? FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }

        return null;
    }
}
