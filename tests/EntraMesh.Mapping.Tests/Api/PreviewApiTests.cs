using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Mapping.Tests.Samples;
using EntraMesh.Scim;
using static EntraMesh.Mapping.Tests.Api.ValidateApiTests;

namespace EntraMesh.Mapping.Tests.Api;

public sealed class PreviewApiTests(MappingServiceFixture service) : IClassFixture<MappingServiceFixture>
{
    static readonly JsonObject Ginnie = new()
    {
        ["WorkerID"] = "1513", ["WorkerStatus"] = "Active", ["WorkerType"] = "Employee", ["UserID"] = "EMP1513",
        ["FirstName"] = "Ginnie", ["LastName"] = "Fadiman", ["FullName"] = "Ginnie Fadiman", ["Location"] = "Asia Pacific",
        ["Department"] = "Product Engineering", ["ManagerID"] = "1959",
    };

    [Fact]
    public async Task Preview_with_the_running_rules_shows_target_data_and_what_produced_each_value()
    {
        using var client = service.CreateClient();
        var response = await client.PostAsJsonAsync("/api/rules/preview", new JsonObject
        {
            ["record"] = new JsonObject { ["workerId"] = "1513", ["sourceId"] = "hr", ["attributes"] = Ginnie.DeepClone(), ["hireDate"] = "2026-02-02" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        Assert.Equal(("running", "2025.06.1"), (body["ruleSetSource"]!.GetValue<string>(), body["ruleSetVersion"]!.GetValue<string>()));
        Assert.Equal(("woodgrove-ad", "OnPremises", "Employees"), (body["target"]!.GetValue<string>(), body["kind"]!.GetValue<string>(), body["filter"]!.GetValue<string>()));
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal("OU=APAC,OU=Users,DC=contoso,DC=com", body["parentDistinguishedName"]!.GetValue<string>());
        var data = body["data"]!;
        Assert.Equal("EMP1513", data["userName"]!.GetValue<string>());
        Assert.Equal("1959", data[ScimSchemas.EnterpriseUser]!["manager"]!["value"]!.GetValue<string>());
        Assert.Equal("OU=APAC,OU=Users,DC=contoso,DC=com", data[ScimSchemas.EntraMeshExtension]![ScimSchemas.ParentDistinguishedName]!.GetValue<string>());

        var values = body["values"]!.AsArray();
        var userName = values.Single(v => v!["attribute"]!.GetValue<string>() == "userName")!;
        Assert.Equal(("EMP1513", "[UserID]", "Direct", "Employees", true), (userName["value"]!.GetValue<string>(), userName["expression"]!.GetValue<string>(),
            userName["kind"]!.GetValue<string>(), userName["filter"]!.GetValue<string>(), userName["sent"]!.GetValue<bool>()));
        Assert.Equal((37, 18), (userName["line"]!.GetValue<int>(), userName["column"]!.GetValue<int>()));
        var ou = values.Single(v => v!["attribute"]!.GetValue<string>() == ScimSchemas.ParentDistinguishedName)!;
        Assert.StartsWith("Switch([Location]", ou["expression"]!.GetValue<string>());
        Assert.Equal(["woodgrove-ad", "woodgrove-cloud"], body["targets"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.NotNull(body["provisionFrom"]);
    }

    [Fact]
    public async Task Preview_with_a_candidate_rule_set_uses_it_hides_redacted_values_and_honours_taken_values()
    {
        using var client = service.CreateClient();
        var response = await client.PostAsJsonAsync("/api/rules/preview", new JsonObject
        {
            ["record"] = new JsonObject { ["workerId"] = "7", ["attributes"] = new JsonObject { ["First"] = "John", ["Last"] = "Smith", ["Ssn"] = "123-45-6789" } },
            ["takenValues"] = new JsonArray("John.Smith@contoso.com"),
            ["now"] = "2030-01-01T00:00:00Z",
            ["ruleSet"] = """
                version: candidate-2
                targets:
                  - name: cloud
                    kind: cloud
                    mappings:
                      userName: 'SelectUniqueValue(Join("@", Join(".", [First], [Last]), "contoso.com"), Join("@", Join(".", Mid([First], 1, 1), [Last]), "contoso.com"))'
                      urn:ietf:params:scim:schemas:extension:contoso:1.0:User:Ssn: 'Redact([Ssn])'
                      urn:ietf:params:scim:schemas:extension:contoso:1.0:User:Seen: 'Now()'
                """,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        Assert.Equal(("candidate", "candidate-2", "cloud"), (body["ruleSetSource"]!.GetValue<string>(), body["ruleSetVersion"]!.GetValue<string>(), body["target"]!.GetValue<string>()));
        Assert.Equal("J.Smith@contoso.com", body["data"]!["userName"]!.GetValue<string>());
        var custom = body["data"]!["urn:ietf:params:scim:schemas:extension:contoso:1.0:User"]!;
        Assert.Equal("[Redact]", custom["Ssn"]!.GetValue<string>());
        Assert.Equal("1/1/2030 12:00:00 AM", custom["Seen"]!.GetValue<string>());
        Assert.DoesNotContain("123-45-6789", body.ToJsonString());
    }

    [Fact]
    public async Task Record_in_no_scope_previews_as_no_target()
    {
        using var client = service.CreateClient();
        var body = await Body(await client.PostAsJsonAsync("/api/rules/preview", new JsonObject
        {
            ["record"] = new JsonObject { ["workerId"] = "9", ["attributes"] = new JsonObject { ["WorkerID"] = "9" } },
        }));
        Assert.Null(body["target"]);
        Assert.Null(body["data"]);
        Assert.All(body["targets"]!.AsArray(), t => Assert.False(t!["inScope"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Record_the_rules_cannot_map_previews_with_the_rule_error()
    {
        using var client = service.CreateClient();
        var body = await Body(await client.PostAsJsonAsync("/api/rules/preview", new JsonObject
        {
            ["record"] = new JsonObject { ["workerId"] = "9", ["attributes"] = new JsonObject { ["d"] = "31/12/2024" } },
            ["ruleSet"] = "version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { title: 'FormatDateTime([d], , \"yyyy-MM-dd\", \"yyyy\")' } }\n",
        }));
        var error = body["error"]!;
        Assert.Equal(("title", 3, 64), (error["attribute"]!.GetValue<string>(), error["line"]!.GetValue<int>(), error["column"]!.GetValue<int>()));
        Assert.Contains("does not match the input format", error["message"]!.GetValue<string>());
        Assert.Null(body["data"]);
    }

    [Theory]
    [InlineData("{}", "record is required", "record")]
    [InlineData("{\"record\":{\"attributes\":{}}}", "record.workerId is required", "record.workerId")]
    [InlineData("{\"record\":{\"workerId\":\"1\"}}", "record.attributes is required", "record.attributes")]
    [InlineData("{\"record\":{\"workerId\":\"1\",\"attributes\":{}},\"ruleSet\":\"  \"}", "ruleSet is empty", "ruleSet")]
    [InlineData("{\"record\":{\"workerId\":\"1\",\"attributes\":{\"a\":[1,2]}}}", "Invalid JSON at $.record.attributes.a", "$.record.attributes.a")]
    [InlineData("{\"record\":{\"workerId\":\"1\",\"attributes\":{},\"hireDate\":\"yesterday\"}}", "Invalid JSON at $.record.hireDate", "$.record.hireDate")]
    [InlineData("{\"record\": ", "Invalid JSON at $.record", "$.record")]
    public async Task Bad_preview_request_is_a_problem_naming_the_field(string json, string detail, string field)
    {
        using var client = service.CreateClient();
        var problem = await Problem(await client.PostAsync("/api/rules/preview", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains(detail, problem["detail"]!.GetValue<string>());
        Assert.Equal(field, problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_candidate_rule_set_is_a_problem_listing_its_errors_with_positions()
    {
        using var client = service.CreateClient();
        var problem = await Problem(await client.PostAsJsonAsync("/api/rules/preview", new JsonObject
        {
            ["record"] = new JsonObject { ["workerId"] = "1", ["attributes"] = new JsonObject() },
            ["ruleSet"] = "version: '1'\ntargets:\n  - { name: c, kind: cloud, mappings: { userName: 'Jion([a])' } }\n",
        }), HttpStatusCode.BadRequest);
        Assert.Equal("The candidate rule set is invalid", problem["title"]!.GetValue<string>());
        var error = problem["errors"]![0]!;
        Assert.Equal((3, 52), (error["line"]!.GetValue<int>(), error["column"]!.GetValue<int>()));
        Assert.Contains("did you mean 'Join'", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_sent_as_YAML_is_refused_as_an_unsupported_media_type()
    {
        using var client = service.CreateClient();
        await Problem(await client.PostAsync("/api/rules/preview", Yaml(SampleFiles.RuleSetText)), HttpStatusCode.UnsupportedMediaType);
    }
}
