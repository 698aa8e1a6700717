using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Mapping.Tests.Samples;
using EntraMesh.Mapping.Tests.Support;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Tests.PopulationPreview;

/// <summary>
/// POST /api/rules/preview-population over 10,000 workers stored in PostgreSQL: a candidate that moves North America to
/// another OU, sends remote employees to the cloud and adds an attribute reports exactly the changes a model of the
/// population predicts, with samples, and sends nothing.
/// </summary>
public sealed class PopulationPreviewTests(PlanningFixture mapping, ITestOutputHelper output) : IClassFixture<PlanningFixture>
{
    const string NorthAmericaOu = "OU=NA,OU=Users,DC=contoso,DC=com";
    const string AmericasOu = "OU=Americas,OU=Users,DC=contoso,DC=com";
    const string Ou = ScimSchemas.EntraMeshExtension + ":" + ScimSchemas.ParentDistinguishedName;

    /// <summary>The sample rule set with three edits an administrator might make at once; its test cases still pass.</summary>
    public static string Candidate => SampleFiles.RuleSetText
        .Replace("version: \"2025.06.1\"", "version: \"2025.07.1\"", StringComparison.Ordinal)
        .Replace($"\"North America\", \"{NorthAmericaOu}\"", $"\"North America\", \"{AmericasOu}\"", StringComparison.Ordinal)
        .Replace(
            "            operator: EQUALS\n            value: Employee\n",
            "            operator: EQUALS\n            value: Employee\n" +
            "          - attribute: Location\n            operator: NOT EQUALS\n            value: Remote\n", StringComparison.Ordinal)
        .Replace(
            "            operator: NOT EQUALS\n            value: Employee\n",
            "            operator: NOT EQUALS\n            value: Employee\n" +
            "      - name: Remote employees\n        clauses:\n" +
            "          - attribute: WorkerType\n            operator: EQUALS\n            value: Employee\n" +
            "          - attribute: Location\n            operator: EQUALS\n            value: Remote\n", StringComparison.Ordinal)
        .Replace("      externalId: \"[WorkerID]\"\n", "      externalId: \"[WorkerID]\"\n      preferredLanguage: '\"en-US\"'\n", StringComparison.Ordinal);

    [Fact]
    public async Task Preview_over_ten_thousand_workers_reports_the_changes_the_candidate_makes()
    {
        var members = Population.Generate(10_000, "pop-");
        await Population.StoreAsync(mapping, members);
        Assert.All(new[] { AmericasOu, "operator: NOT EQUALS\n            value: Remote", "- name: Remote employees", "preferredLanguage" },
            edit => Assert.Contains(edit, Candidate, StringComparison.Ordinal));

        var remoteMovers = members.Count(m => !m.Contractor && m.Location == "Remote" && m.Active);
        var remoteInactive = members.Count(m => !m.Contractor && m.Location == "Remote" && !m.Active);
        var ouMovers = members.Count(m => !m.Contractor && m.Location == "North America");
        var adUpdates = members.Count(m => !m.Contractor && m.Location is "Europe" or "Asia Pacific");
        var cloudUpdates = members.Count(m => m.Contractor);

        using var client = mapping.Host.CreateClient();
        var stopwatch = Stopwatch.StartNew();
        var response = await client.PostAsync("/api/rules/preview-population?samples=3", new StringContent(Candidate, Encoding.UTF8, "application/yaml"));
        stopwatch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        output.WriteLine($"10,000 workers previewed in {body["elapsedMilliseconds"]} ms in the service, {stopwatch.ElapsedMilliseconds} ms over HTTP");

        Assert.Equal(("2025.06.1", "2025.07.1"), (body["runningVersion"]!.GetValue<string>(), body["candidateVersion"]!.GetValue<string>()));
        Assert.Equal(10_000, body["workers"]!.GetValue<int>());
        Assert.Equal(10_000 - remoteInactive, body["workersChanged"]!.GetValue<int>());
        Assert.Equal(remoteInactive, body["unchanged"]!.GetValue<int>());
        Assert.Equal(Counts(("Joiner", remoteMovers), ("Mover", ouMovers), ("Leaver", remoteMovers), ("Update", adUpdates + cloudUpdates)), Object(body["changes"]));

        var targets = body["targets"]!.AsArray();
        var ad = targets.Single(t => t!["target"]!.GetValue<string>() == "woodgrove-ad")!;
        var cloud = targets.Single(t => t!["target"]!.GetValue<string>() == "woodgrove-cloud")!;
        Assert.Equal(Counts(("Mover", ouMovers), ("Leaver", remoteMovers), ("Update", adUpdates)), Object(ad["changes"]));
        Assert.Equal(Counts(("Joiner", remoteMovers), ("Update", cloudUpdates)), Object(cloud["changes"]));
        Assert.Equal(ouMovers, ad["attributes"]![Ou]!.GetValue<int>());
        Assert.Equal(ouMovers + adUpdates, ad["attributes"]!["preferredLanguage"]!.GetValue<int>());
        Assert.Equal(remoteMovers, ad["attributes"]!["active"]!.GetValue<int>());

        var move = Assert.Single(body["targetMoves"]!.AsArray())!;
        Assert.Equal(("woodgrove-ad", "woodgrove-cloud", remoteMovers), (move["from"]!.GetValue<string>(), move["to"]!.GetValue<string>(), move["count"]!.GetValue<int>()));
        var ouChange = Assert.Single(body["ouChanges"]!.AsArray())!;
        Assert.Equal((NorthAmericaOu, AmericasOu, ouMovers), (ouChange["from"]!.GetValue<string>(), ouChange["to"]!.GetValue<string>(), ouChange["count"]!.GetValue<int>()));

        var moverSamples = ad["samples"]!["Mover"]!.AsArray();
        var expectedSamples = members.Where(m => !m.Contractor && m.Location == "North America").Select(m => m.WorkerId).Order(StringComparer.Ordinal).Take(3);
        Assert.Equal(expectedSamples, moverSamples.Select(s => s!["workerId"]!.GetValue<string>()));
        var ouValue = moverSamples[0]!["values"]!.AsArray().Single(v => v!["attribute"]!.GetValue<string>() == Ou)!;
        Assert.Equal((NorthAmericaOu, AmericasOu), (ouValue["before"]!.GetValue<string>(), ouValue["after"]!.GetValue<string>()));
        Assert.Equal(3, cloud["samples"]!["Joiner"]!.AsArray().Count);

        Assert.Equal((0, 0), (body["outOfScope"]!["running"]!.GetValue<int>(), body["outOfScope"]!["candidate"]!.GetValue<int>()));
        Assert.Equal(0, body["invalid"]!["count"]!.GetValue<int>());
        Assert.Equal((6, 0), (body["testCases"]!["total"]!.GetValue<int>(), body["testCases"]!["failed"]!.AsArray().Count));
        Assert.InRange(body["elapsedMilliseconds"]!.GetValue<long>(), 0, 30_000);

        // A preview sends, claims and stores nothing.
        await mapping.QuiesceAsync();
        Assert.Empty(mapping.Bus.Planned);
        Assert.Empty(mapping.Bus.Skipped);
        Assert.Equal(members.Count(m => !m.Active), await mapping.CountAsync("SELECT count(*) FROM mapping.planned_identity"));
        Assert.Equal(0, await mapping.CountAsync("SELECT count(*) FROM mapping.held_change"));
    }

    static Dictionary<string, int> Counts(params (string Kind, int Count)[] counts) => counts.Where(c => c.Count > 0).ToDictionary(c => c.Kind, c => c.Count);

    static Dictionary<string, int> Object(JsonNode? node) => node!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>());
}
