using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EntraMesh.Testing;

namespace EntraMesh.Ingest.Tests;

/// <summary>A 100,000-row CSV imports in constant memory, and every row is accounted for.</summary>
public sealed class LargeImportTests
{
    public const int Rows = 100_000;
    const long MemoryBound = 300L * 1024 * 1024;

    [Fact]
    public async Task A_100000_row_csv_imports_with_flat_memory_and_accepted_plus_rejected_equals_read()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var events = await PublishedEvents.StartAsync(infrastructure.RabbitMqUri, keep: false);
        var state = Path.Combine(Path.GetTempPath(), "entramesh-tests", Guid.NewGuid().ToString("N"));
        await using var ingest = await ChildIngest.StartAsync(infrastructure, state);

        using var content = new StreamContent(new GeneratedCsv(Rows, rejectEvery: 1000));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await ingest.Client.PostAsync("/api/imports?source=hr-csv", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();

        var job = await Eventually.WaitForAsync(
            async () => JsonDocument.Parse(await ingest.Client.GetStringAsync(location)).RootElement.Clone(),
            j => j.GetProperty("done").GetBoolean(), TimeSpan.FromMinutes(3), "the import to finish");

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var read = job.GetProperty("rowsRead").GetInt64();
        var accepted = job.GetProperty("rowsAccepted").GetInt64();
        var rejected = job.GetProperty("rowsRejected").GetInt64();
        Assert.Equal(Rows, read);
        Assert.Equal(Rows / 1000, rejected);
        Assert.Equal(read, accepted + rejected);
        Assert.Equal(accepted, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM ingest.accepted_record"));
        await Eventually.WaitForAsync(() => Task.FromResult(events.Count), count => count >= accepted, TimeSpan.FromMinutes(3), "every accepted row to be published");

        var peak = ingest.PeakResidentBytes();
        TestContext.Current.TestOutputHelper?.WriteLine($"ingest peak resident memory: {peak / 1024 / 1024} MB for {read} rows");
        Assert.True(peak < MemoryBound, $"peak resident memory of ingest was {peak / 1024 / 1024} MB; the bound is {MemoryBound / 1024 / 1024} MB");
    }
}
