using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Mapping.Tests.Samples;
using EntraMesh.Mapping.Tests.Support;

namespace EntraMesh.Mapping.Tests.PopulationPreview;

/// <summary>
/// A candidate too slow to preview is stopped. A class of its own: its fixture's database holds only these workers, so the
/// other preview tests count theirs alone.
/// </summary>
public sealed class PopulationPreviewTimeoutTests(PlanningFixture mapping) : IClassFixture<PlanningFixture>
{
    [Fact]
    public async Task Candidate_whose_pattern_backtracks_catastrophically_is_stopped_after_three_slow_workers_with_422()
    {
        await Population.StoreAsync(mapping, Population.Generate(40, "slow-"));
        var candidate = SampleFiles.RuleSetText.Replace(
            "      title: \"[JobTitle]\"\n",
            "      title: 'Replace(Join(\"\", [WorkerID], [WorkerID], [WorkerID]), , \"^([a-z0-9-]+)+!$\", , \"x\", , )'\n", StringComparison.Ordinal);
        using var client = mapping.Host.CreateClient();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var response = await client.PostAsync("/api/rules/preview-population", new StringContent(candidate, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("1 s or more on each of 3 workers", detail);
        Assert.Contains("title (line 43, column", detail);
        Assert.Contains("the regular expression took too long", detail);
    }
}
