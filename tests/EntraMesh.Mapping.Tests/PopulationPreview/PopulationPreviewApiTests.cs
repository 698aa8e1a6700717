using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Mapping.Tests.Samples;
using EntraMesh.Mapping.Tests.Support;

namespace EntraMesh.Mapping.Tests.PopulationPreview;

/// <summary>The population preview's answers to bad input (problem details naming the field) and to rules that fail on some workers.</summary>
public sealed class PopulationPreviewApiTests(PlanningFixture mapping) : IClassFixture<PlanningFixture>
{
    [Fact]
    public async Task Candidate_that_cannot_map_some_workers_reports_them_with_attribute_and_position()
    {
        var members = Population.Generate(40, "bad-");
        await Population.StoreAsync(mapping, members);
        var candidate = SampleFiles.RuleSetText.Replace(
            "      title: \"[JobTitle]\"\n", "      title: 'FormatDateTime([JobTitle], , \"yyyy-MM-dd\", \"yyyy\")'\n", StringComparison.Ordinal);

        var body = await PreviewAsync(candidate);

        Assert.Equal(40, body["workers"]!.GetValue<int>());
        Assert.Equal(40, body["invalid"]!["count"]!.GetValue<int>());
        Assert.Equal(0, body["workersChanged"]!.GetValue<int>());
        var samples = body["invalid"]!["samples"]!.AsArray();
        Assert.Equal(5, samples.Count);
        Assert.Equal(members.Select(m => m.WorkerId).Order(StringComparer.Ordinal).Take(5), samples.Select(s => s!["workerId"]!.GetValue<string>()));
        Assert.All(samples, sample => Assert.Equal(("title", 43), (sample!["attribute"]!.GetValue<string>(), sample["line"]!.GetValue<int>())));
        Assert.NotEmpty(body["testCases"]!["failed"]!.AsArray());
    }

    [Fact]
    public async Task Candidate_with_errors_is_a_problem_listing_every_error()
    {
        using var client = mapping.Host.CreateClient();
        var response = await client.PostAsync("/api/rules/preview-population",
            new StringContent(SampleFiles.RuleSetText.Replace("ToLower([WorkerStatus])", "Tolower([WorkerStatus])", StringComparison.Ordinal), Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("body", problem["field"]!.GetValue<string>());
        Assert.Equal(2, problem["errors"]!.AsArray().Count);
        Assert.Contains("line 29, column 14", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("101")]
    [InlineData("-1")]
    public async Task Samples_out_of_range_is_a_problem_naming_the_parameter(string samples)
    {
        using var client = mapping.Host.CreateClient();
        var response = await client.PostAsync($"/api/rules/preview-population?samples={samples}", new StringContent(SampleFiles.RuleSetText, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("samples", (await response.Content.ReadFromJsonAsync<JsonNode>())!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Empty_body_and_wrong_media_type_are_problems()
    {
        using var client = mapping.Host.CreateClient();
        var empty = await client.PostAsync("/api/rules/preview-population", new StringContent("  ", Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("body", (await empty.Content.ReadFromJsonAsync<JsonNode>())!["field"]!.GetValue<string>());

        var json = await client.PostAsJsonAsync("/api/rules/preview-population", new { ruleSet = "version: 1" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Contains("YAML", (await json.Content.ReadFromJsonAsync<JsonNode>())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Running_rule_set_and_population_preview_are_in_the_OpenAPI_document()
    {
        using var client = mapping.Host.CreateClient();
        var document = (await client.GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        Assert.NotNull(paths["/api/rules/preview-population"]!["post"]!["requestBody"]!["content"]!["application/yaml"]);
        Assert.NotNull(paths["/api/rules/preview-population"]!["post"]!["responses"]!["400"]);
        Assert.NotNull(paths["/api/rules/current"]!["get"]!["responses"]!["200"]);
    }

    async Task<JsonNode> PreviewAsync(string candidate)
    {
        using var client = mapping.Host.CreateClient();
        var response = await client.PostAsync("/api/rules/preview-population", new StringContent(candidate, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
