using System.Text.Json.Nodes;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Mapping.Rules.TestCases;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Tests.Samples;

/// <summary>samples/rules/csv2scim.yaml against Microsoft's two-record sample CSV and CSV2SCIM's sample mapping.</summary>
public sealed class Csv2ScimSampleTests
{
    /// <summary>
    /// What CSV2SCIM's sample mapping (SampleData/AttributeMapping.psd1) builds for the two records: every mapped column
    /// as a string, active from WorkerStatus -eq 'Active', one work address and one work phone, the enterprise extension,
    /// and schemas listing core and enterprise. (CSV2SCIM also adds a random "id", which Entra ignores.)
    /// </summary>
    static readonly JsonObject[] Csv2ScimOutput =
    [
        Json("""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "externalId": "1222",
              "name": { "familyName": "Fleeta", "givenName": "Talya" },
              "active": false,
              "userName": "EMP1222",
              "displayName": "Talya Fleeta",
              "nickName": "EMP1222",
              "userType": "Contractor",
              "title": "Sales Executive",
              "addresses": [ { "type": "work", "streetAddress": "303 Mansion Ct", "locality": "Chicago", "postalCode": "85434", "country": "UK" } ],
              "phoneNumbers": [ { "type": "work", "value": "259-915-1098" } ],
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "1222", "costCenter": "CC3035", "organization": "Woodgrove", "division": "Electronics",
                "department": "Sales", "manager": { "value": "1684" }
              }
            }
            """),
        Json("""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "externalId": "1513",
              "name": { "familyName": "Fadiman", "givenName": "Ginnie" },
              "active": true,
              "userName": "EMP1513",
              "displayName": "Ginnie Fadiman",
              "nickName": "EMP1513",
              "userType": "Employee",
              "title": "Project Manager",
              "addresses": [ { "type": "work", "streetAddress": "101 Woodgrove Way", "locality": "Frankfurt", "postalCode": "79985", "country": "UK" } ],
              "phoneNumbers": [ { "type": "work", "value": "259-915-1098" } ],
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "1513", "costCenter": "CC3035", "organization": "Woodgrove", "division": "Food",
                "department": "Product Engineering", "manager": { "value": "1959" }
              }
            }
            """),
    ];

    /// <summary>The repository's copy is byte for byte Microsoft's sample (../shared/data/csv2scim-sample-2-records.csv).</summary>
    [Fact]
    public void Sample_CSV_is_Microsofts_two_record_sample_unchanged() =>
        Assert.Equal("1ce4608786ef843a2c78eafbd687a6c84ba519a16743996e4569fe088956cd85",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(SampleFiles.CsvPath))));

    [Fact]
    public async Task Sample_maps_Microsofts_two_records_to_exactly_the_values_CSV2SCIM_produces()
    {
        var ruleSet = SampleFiles.LoadRuleSet();
        var records = SampleFiles.ReadCsv();
        Assert.Equal(2, records.Count);

        for (var i = 0; i < records.Count; i++)
        {
            var evaluation = await ruleSet.EvaluateAsync(new WorkerRecord { WorkerId = records[i]["WorkerID"]!, SourceId = "csv", Attributes = records[i] });
            var selected = evaluation.Selected;
            Assert.NotNull(selected);
            Assert.Null(selected.Error);

            // The OU is EntraMesh's routing on top of CSV2SCIM; everything else must be CSV2SCIM's output, value for value.
            var data = (JsonObject)selected.Data!.DeepClone();
            data.Remove(ScimSchemas.EntraMeshExtension);
            var schemas = (JsonArray)data["schemas"]!;
            foreach (var extension in schemas.Where(s => s!.GetValue<string>() == ScimSchemas.EntraMeshExtension).ToList()) schemas.Remove(extension);

            Assert.Equal(Canonical(Csv2ScimOutput[i]), Canonical(data));
        }
    }

    [Fact]
    public async Task Sample_routes_the_contractor_to_the_cloud_and_the_employee_to_the_OU_of_their_location()
    {
        var ruleSet = SampleFiles.LoadRuleSet();
        var records = SampleFiles.ReadCsv();

        var contractor = await ruleSet.EvaluateAsync(new WorkerRecord { WorkerId = "1222", SourceId = "csv", Attributes = records[0] });
        Assert.Equal("woodgrove-cloud", contractor.Selected!.Name);
        Assert.Equal(TargetKind.Cloud, contractor.Selected.Kind);
        Assert.Equal("Non-employees", contractor.Selected.Filter);
        Assert.Null(contractor.Selected.ParentDistinguishedName);
        Assert.False(contractor.Targets.Single(t => t.Name == "woodgrove-ad").InScope);

        var employee = await ruleSet.EvaluateAsync(new WorkerRecord { WorkerId = "1513", SourceId = "csv", Attributes = records[1] });
        Assert.Equal("woodgrove-ad", employee.Selected!.Name);
        Assert.Equal(TargetKind.OnPremises, employee.Selected.Kind);
        Assert.Equal("Employees", employee.Selected.Filter);
        Assert.Equal("OU=APAC,OU=Users,DC=contoso,DC=com", employee.Selected.ParentDistinguishedName);
        var data = employee.Selected.Data!;
        Assert.Equal("OU=APAC,OU=Users,DC=contoso,DC=com", data[ScimSchemas.EntraMeshExtension]![ScimSchemas.ParentDistinguishedName]!.GetValue<string>());
        Assert.Contains(ScimSchemas.EntraMeshExtension, data["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.False(employee.Targets.Single(t => t.Name == "woodgrove-cloud").InScope);
    }

    [Fact]
    public async Task Sample_test_cases_all_pass()
    {
        var results = await RuleTestRunner.RunAsync(SampleFiles.LoadRuleSet(), CancellationToken.None);
        Assert.Equal(6, results.Count);
        Assert.All(results, result => Assert.True(result.Passed, $"{result.Name}: {string.Join("; ", result.Failures)}"));
    }

    static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    /// <summary>The JSON text with object keys sorted, so that two objects compare by content whatever their key order.</summary>
    static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
