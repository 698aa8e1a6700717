using System.Text;
using EntraMesh.Ingest.Imports;

namespace EntraMesh.Ingest.Tests;

/// <summary>The UTF-8 check of an uploaded file, which sees the body in whatever pieces the connection delivers.</summary>
public sealed class Utf8ValidatingStreamTests
{
    [Fact]
    public async Task Characters_split_between_writes_are_valid_and_written_unchanged()
    {
        var bytes = Encoding.UTF8.GetBytes("WorkerID,FirstName\r\n1,Zoë Ødegård 李小龍 €😀\r\n");
        using var file = new MemoryStream();
        var validating = new Utf8ValidatingStream(file);

        foreach (var piece in bytes.Chunk(1)) await validating.WriteAsync(piece);
        validating.Complete();

        Assert.Null(validating.InvalidAt);
        Assert.Equal(bytes, file.ToArray());
    }

    [Fact]
    public async Task Invalid_byte_after_a_split_character_is_found_at_its_offset()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("ab€"), (byte)'c', 0xC3, 0x28, (byte)'d'];
        var validating = new Utf8ValidatingStream(Stream.Null);

        await validating.WriteAsync(bytes.AsMemory(0, 3));
        await validating.WriteAsync(bytes.AsMemory(3));
        validating.Complete();

        Assert.Equal(6, validating.InvalidAt);
    }

    [Fact]
    public async Task File_ending_inside_a_character_is_invalid()
    {
        var validating = new Utf8ValidatingStream(Stream.Null);

        await validating.WriteAsync(new byte[] { (byte)'a', 0xE2, 0x82 });
        validating.Complete();

        Assert.NotNull(validating.InvalidAt);
    }
}
