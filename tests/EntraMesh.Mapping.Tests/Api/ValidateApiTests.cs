using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Mapping.Tests.Samples;

namespace EntraMesh.Mapping.Tests.Api;

public sealed class ValidateApiTests(MappingServiceFixture service) : IClassFixture<MappingServiceFixture>
{
    [Fact]
    public async Task Valid_rule_set_is_reported_valid_with_its_targets_and_passing_test_cases()
    {
        using var client = service.CreateClient();
        var response = await client.PostAsync("/api/rules/validate", Yaml(SampleFiles.RuleSetText));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        Assert.True(body["valid"]!.GetValue<bool>());
        Assert.Equal("2025.06.1", body["version"]!.GetValue<string>());
        Assert.Equal(["woodgrove-ad", "woodgrove-cloud"], body["targets"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal("OnPremises", body["targets"]![0]!["kind"]!.GetValue<string>());
        Assert.Empty(body["errors"]!.AsArray());
        Assert.Equal(6, body["tests"]!.AsArray().Count);
        Assert.All(body["tests"]!.AsArray(), t => Assert.True(t!["passed"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Invalid_rule_set_is_answered_with_every_error_and_its_line_and_column()
    {
        using var client = service.CreateClient();
        var response = await client.PostAsync("/api/rules/validate", Yaml("""
            version: "1"
            targets:
              - name: cloud
                kind: cloud
                scope: [ { name: x, clauses: [ { attribute: Type, operator: SOUNDS LIKE, value: Emp } ] } ]
                mappings:
                  userName: 'Join("@", [UserID] "contoso.com")'
                  displayName: 'PCase([First]'
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        Assert.False(body["valid"]!.GetValue<bool>());
        var errors = body["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["column"]!.GetValue<int>(), e["path"]!.GetValue<string>())).ToList();
        Assert.Equal([(5, 65, "targets[0].scope[0].clauses[0]"), (7, 37, "targets[0].mappings.userName"), (8, 26, "targets[0].mappings.displayName")], errors);
        Assert.Contains("unknown operator 'SOUNDS LIKE'", body["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_test_case_pattern_that_backtracks_catastrophically_fails_that_test_case_instead_of_the_request()
    {
        using var client = service.CreateClient();
        var response = await client.PostAsync("/api/rules/validate", Yaml($"""
            version: "1"
            targets:
              - {"{"} name: cloud, kind: cloud, mappings: {"{"} userName: '[UserID]' {"}"} {"}"}
            tests:
              - name: slow pattern
                record: {"{"} UserID: "{new string('a', 40)}!" {"}"}
                expect:
                  values:
                    userName: {"{"} regex: "^(a+)+$" {"}"}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        Assert.False(body["valid"]!.GetValue<bool>());
        var failure = Assert.Single(body["tests"]![0]!["failures"]!.AsArray());
        Assert.Contains("took longer than 1 s to match", failure!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failing_test_case_makes_the_rule_set_invalid_and_names_the_expectation()
    {
        using var client = service.CreateClient();
        var response = await client.PostAsync("/api/rules/validate", Yaml("""
            version: "1"
            targets:
              - { name: cloud, kind: cloud, mappings: { userName: 'ToLower([UserID])' } }
            tests:
              - name: lower-cases the user name
                record: { UserID: ABC }
                expect:
                  values:
                    userName: ABC
            """));

        var body = await Body(response);
        Assert.False(body["valid"]!.GetValue<bool>());
        var test = body["tests"]![0]!;
        Assert.False(test["passed"]!.GetValue<bool>());
        var failure = test["failures"]![0]!;
        Assert.Equal((9, 19), (failure["line"]!.GetValue<int>(), failure["column"]!.GetValue<int>()));
        Assert.Equal("userName: expected \"ABC\", got \"abc\"", failure["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Empty_body_is_a_problem_naming_what_is_missing()
    {
        using var client = service.CreateClient();
        var problem = await Problem(await client.PostAsync("/api/rules/validate", Yaml("  \n")), HttpStatusCode.BadRequest);
        Assert.Equal("The body is empty", problem["title"]!.GetValue<string>());
        Assert.Contains("rule set in YAML", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule_set_sent_as_JSON_is_refused_as_an_unsupported_media_type()
    {
        using var client = service.CreateClient();
        var problem = await Problem(await client.PostAsync("/api/rules/validate", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("Send the rule set as YAML", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule_set_larger_than_the_limit_is_refused()
    {
        using var client = service.CreateClient();
        var problem = await Problem(await client.PostAsync("/api/rules/validate", Yaml("# " + new string('x', 70_000))), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Rules:MaxRequestBytes", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Body_that_is_not_UTF8_text_is_refused()
    {
        using var client = service.CreateClient();
        var content = new ByteArrayContent([0x76, 0x3A, 0x20, 0xC3, 0x28, 0xFF]);
        content.Headers.ContentType = new("application/yaml");
        var problem = await Problem(await client.PostAsync("/api/rules/validate", content), HttpStatusCode.BadRequest);
        Assert.Equal("The body must be UTF-8 text.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenAPI_document_describes_both_rules_routes()
    {
        using var client = service.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var validate = document["paths"]!["/api/rules/validate"]!["post"]!;
        Assert.Equal("Validate a rule set and run its test cases", validate["summary"]!.GetValue<string>());
        Assert.NotNull(validate["requestBody"]!["content"]!["application/yaml"]);
        Assert.NotNull(validate["responses"]!["400"]);
        var preview = document["paths"]!["/api/rules/preview"]!["post"]!;
        Assert.Equal("PreviewRecord", preview["operationId"]!.GetValue<string>());
        Assert.NotNull(preview["requestBody"]!["content"]!["application/json"]);
        Assert.NotNull(preview["responses"]!["200"]!["content"]!["application/json"]);
    }

    internal static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    internal static async Task<JsonNode> Body(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    internal static async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Body(response);
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }
}
