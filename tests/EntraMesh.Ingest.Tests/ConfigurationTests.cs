using EntraMesh.Testing;

namespace EntraMesh.Ingest.Tests;

/// <summary>A wrong source configuration stops ingest at start with a message that names the setting.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Sources:1:Secrets:0", "", "Sources:1:Secrets is required")]
    [InlineData("Sources:0:WorkerIdField", "", "Sources:0:WorkerIdField")]
    [InlineData("Sources:0:Id", "Bad Id!", "Sources:0:Id")]
    [InlineData("Sources:2:WebhookFormat", "Workday", "Sources:2:WebhookFormat")]
    [InlineData("Sources:0:Sql:Table", "hr.workers; DROP TABLE x", "Sources:0:Sql:Table")]
    [InlineData("Ingest:SignatureTolerance", "00:00:01", "Ingest:SignatureTolerance")]
    public async Task Invalid_source_settings_stop_ingest_naming_the_setting(string key, string value, string named)
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key == "Sources:1:Secrets:0") settings["Sources:1:Secrets:1"] = "";

        var error = await StartupFailure.OfAsync(async () =>
        {
            await using var factory = new IngestFactory(infrastructure, settings);
            factory.CreateClient();
        });

        Assert.Contains(named, error.ToString());
    }
}
