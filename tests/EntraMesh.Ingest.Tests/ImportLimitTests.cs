using System.Net;

namespace EntraMesh.Ingest.Tests;

public sealed class SmallImportLimitFixture : IngestFixture
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Ingest:MaxImportBytes"] = "2048" };
}

public sealed class ImportLimitTests(SmallImportLimitFixture ingest) : IClassFixture<SmallImportLimitFixture>
{
    [Fact]
    public async Task A_CSV_over_the_import_limit_is_413_and_no_job_is_created()
    {
        var csv = Imports.Csv(["WorkerID,FirstName", .. Enumerable.Range(1, 400).Select(i => $"big-{i},Name{i}")]);

        using var response = await Imports.UploadAsync(ingest.Client, csv);

        await WebhookTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "2048 bytes");
        Assert.Equal(0, await ingest.ScalarAsync<long>("SELECT count(*) FROM ingest.import_job"));
    }
}
