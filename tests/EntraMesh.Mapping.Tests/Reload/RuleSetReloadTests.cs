using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Mapping.Tests.Samples;
using EntraMesh.Mapping.Tests.Support;
using EntraMesh.Scim;
using EntraMesh.Testing;

namespace EntraMesh.Mapping.Tests.Reload;

/// <summary>
/// Hot reload of Rules:Path, mounted as a Kubernetes ConfigMap (symlink swap): a valid new rule set applies to records
/// planned from then on; an invalid one (errors or failing test cases) never replaces the running rule set.
/// </summary>
public sealed class RuleSetReloadTests(RuleSetReloadTests.Fixture mapping) : IClassFixture<RuleSetReloadTests.Fixture>
{
    const string NorthAmericaOu = "OU=NA,OU=Users,DC=contoso,DC=com";
    const string AmericasOu = "OU=Americas,OU=Users,DC=contoso,DC=com";

    [Fact]
    public async Task Valid_new_rule_set_replaces_the_running_one_and_applies_to_records_from_then_on()
    {
        var (before, _) = await CurrentAsync();
        var worker = Workers.NewId("reload");
        var employee = Workers.Employee(worker).With("Location", "North America");
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, employee, DateTimeOffset.UtcNow));
        await mapping.Bus.WaitForAsync(worker, 1);
        Assert.Equal(before, mapping.Bus.PlannedFor(worker)[0].RuleSetVersion);
        Assert.Equal(NorthAmericaOu, mapping.Bus.PlannedFor(worker)[0].Data[ScimSchemas.EntraMeshExtension]![ScimSchemas.ParentDistinguishedName]!.GetValue<string>());

        var version = "reload-" + Guid.NewGuid().ToString("N")[..8];
        mapping.Rules.Publish(SampleFiles.RuleSetText
            .Replace("version: \"2025.06.1\"", $"version: \"{version}\"", StringComparison.Ordinal)
            .Replace($"\"North America\", \"{NorthAmericaOu}\"", $"\"North America\", \"{AmericasOu}\"", StringComparison.Ordinal));
        var current = await WaitForVersionAsync(version);
        Assert.NotNull(current["loadedAt"]);
        Assert.Equal("America/Chicago", current["timeZone"]!.GetValue<string>());

        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, employee, DateTimeOffset.UtcNow));
        await mapping.Bus.WaitForAsync(worker, 2);
        var mover = mapping.Bus.PlannedFor(worker)[1];
        Assert.Equal((ChangeKind.Mover, version), (mover.ChangeKind, mover.RuleSetVersion));
        Assert.Equal(AmericasOu, mover.Data[ScimSchemas.EntraMeshExtension]![ScimSchemas.ParentDistinguishedName]!.GetValue<string>());
        Assert.Equal([$"{ScimSchemas.EntraMeshExtension}:{ScimSchemas.ParentDistinguishedName}"], mover.ChangedAttributes);
    }

    [Fact]
    public async Task Rule_set_with_errors_never_replaces_the_running_one()
    {
        var (running, _) = await CurrentAsync();
        var broken = SampleFiles.RuleSetText
            .Replace("version: \"2025.06.1\"", "version: \"broken\"", StringComparison.Ordinal)
            .Replace("ToLower([WorkerStatus])", "Tolower([WorkerStatus])", StringComparison.Ordinal);
        mapping.Rules.Publish(broken);

        var rejected = await WaitForRejectionAsync(broken);
        Assert.Null(rejected["version"]);
        Assert.Contains(rejected["errors"]!.AsArray(), e => e!["line"]!.GetValue<int>() == 29 && e["path"]!.GetValue<string>() == "targets[0].active");
        Assert.Equal(running, (await CurrentAsync()).Version);

        var worker = Workers.NewId("after-broken");
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, Workers.Employee(worker), DateTimeOffset.UtcNow));
        await mapping.Bus.WaitForAsync(worker, 1);
        Assert.Equal(running, Assert.Single(mapping.Bus.PlannedFor(worker)).RuleSetVersion);

        using var client = mapping.Host.CreateClient();
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("entramesh_mapping_rule_set_reloads", metrics);
        Assert.Contains("outcome=\"rejected\"", metrics);
    }

    [Fact]
    public async Task Rule_set_whose_test_cases_fail_never_replaces_the_running_one()
    {
        var (running, _) = await CurrentAsync();
        var failing = SampleFiles.RuleSetText
            .Replace("version: \"2025.06.1\"", "version: \"failing-tests\"", StringComparison.Ordinal)
            .Replace("value: Employee", "value: Staff", StringComparison.Ordinal);
        mapping.Rules.Publish(failing);

        var rejected = await WaitForRejectionAsync(failing);
        Assert.Equal("failing-tests", rejected["version"]!.GetValue<string>());
        Assert.Empty(rejected["errors"]!.AsArray());
        Assert.Contains("Ginnie, an active employee in Asia Pacific, goes to the APAC OU in AD",
            rejected["failedTests"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(running, (await CurrentAsync()).Version);
    }

    async Task<(string Version, JsonNode Body)> CurrentAsync()
    {
        using var client = mapping.Host.CreateClient();
        var body = (await client.GetFromJsonAsync<JsonNode>("/api/rules/current"))!;
        return (body["version"]!.GetValue<string>(), body);
    }

    async Task<JsonNode> WaitForVersionAsync(string version) =>
        (await Eventually.WaitForAsync(CurrentAsync, current => current.Version == version, TimeSpan.FromSeconds(20), $"version {version} running")).Body;

    async Task<JsonNode> WaitForRejectionAsync(string text)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var (_, body) = await Eventually.WaitForAsync(CurrentAsync,
            current => current.Body["reload"]!["lastRejected"]?["contentHash"]?.GetValue<string>() == hash, TimeSpan.FromSeconds(20),
            $"rule set {hash[..12]} rejected");
        return body["reload"]!["lastRejected"]!;
    }

    public sealed class Fixture : PlanningFixture
    {
        public ConfigMapDirectory Rules { get; } = new(SampleFiles.RuleSetText);

        protected override string RulesPath => Rules.FilePath;

        protected override bool UsesFakeClock => false;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Rules:ReloadInterval"] = "00:00:00.100" };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Rules.Dispose();
        }
    }
}
