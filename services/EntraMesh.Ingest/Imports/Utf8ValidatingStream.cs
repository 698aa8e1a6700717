using System.Text;

namespace EntraMesh.Ingest.Imports;

/// <summary>
/// Passes bytes through and remembers where the first invalid UTF-8 sequence was. A character may be split between
/// two writes (the body arrives in arbitrary pieces): the decoder keeps the first bytes until the rest arrives, and
/// <see cref="Complete"/> reports a file that ends inside a character.
/// </summary>
internal sealed class Utf8ValidatingStream(Stream inner) : Stream
{
    readonly Decoder decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    readonly char[] scratch = new char[4096];
    long offset;

    public long? InvalidAt { get; private set; }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Check(buffer.Span, flush: false);
        offset += buffer.Length;
        await inner.WriteAsync(buffer, cancellationToken);
    }

    /// <summary>The body ended: a character still incomplete makes the file invalid at its end.</summary>
    public void Complete() => Check([], flush: true);

    /// <summary>Decodes into a scratch buffer (GetCharCount would not carry a split character over to the next write).</summary>
    void Check(ReadOnlySpan<byte> bytes, bool flush)
    {
        if (InvalidAt is not null) return;
        try
        {
            var completed = false;
            while (!completed)
            {
                decoder.Convert(bytes, scratch, flush, out var used, out _, out completed);
                bytes = bytes[used..];
            }
        }
        catch (DecoderFallbackException exception)
        {
            InvalidAt = offset + Math.Max(0, exception.Index);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => offset;
    public override long Position { get => offset; set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
}
