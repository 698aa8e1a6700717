using System.Globalization;
using System.Text;

namespace EntraMesh.Testing;

/// <summary>
/// A read-only stream of a CSV2SCIM-shaped file of <c>rows</c> data rows, generated on the fly (the test never holds
/// the file in memory). Every <c>rejectEvery</c>-th row has no worker id.
/// </summary>
public sealed class GeneratedCsv(int rows, int rejectEvery = 0) : Stream
{
    const string Header = "WorkerID,WorkerStatus,WorkerType,UserID,FirstName,LastName,FullName,GenderPronoun,ManagerID,HireDate,OnLeave,Department,Division,CostCenter,Company,Location,JobTitle,StreetAddress,City,CountryCode,OfficePhone,Custom01,Custom02,ZipCode\r\n";
    int next;
    byte[] pending = Encoding.UTF8.GetBytes(Header);
    int offset;

    public static string Row(int i, bool withoutId = false) => string.Create(CultureInfo.InvariantCulture,
        $"{(withoutId ? "" : (100000 + i).ToString(CultureInfo.InvariantCulture))},Active,Employee,EMP{i},First{i},Last{i},\"First{i} Last{i}\",HE/HIM,{100000 + i / 10},2015-03-{1 + i % 28:00},False,Sales,Electronics,CC{i % 100},Woodgrove,Europe,Sales Executive,\"{i} Main St, Apt {i % 50}\",Chicago,UK,259-915-1098,T1001,BTK39,{10000 + i % 89999}\r\n");

    public override int Read(byte[] buffer, int offsetInBuffer, int count) => Read(buffer.AsSpan(offsetInBuffer, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (offset == pending.Length)
            {
                if (next >= rows) break;
                next++;
                pending = Encoding.UTF8.GetBytes(Row(next, rejectEvery > 0 && next % rejectEvery == 0));
                offset = 0;
            }

            var take = Math.Min(buffer.Length - written, pending.Length - offset);
            pending.AsSpan(offset, take).CopyTo(buffer[written..]);
            offset += take;
            written += take;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    public override Task<int> ReadAsync(byte[] buffer, int offsetInBuffer, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offsetInBuffer, count));
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offsetValue, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offsetInBuffer, int count) => throw new NotSupportedException();
}
