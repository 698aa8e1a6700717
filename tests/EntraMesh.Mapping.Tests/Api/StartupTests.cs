using EntraMesh.Testing;
using EntraMesh.Mapping.Rules.Hosting;
using EntraMesh.Mapping.Tests.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EntraMesh.Mapping.Tests.Api;

/// <summary>The service loads its rule set from Rules:Path at start and refuses to start without a valid one.</summary>
public sealed class StartupTests(MappingServiceFixture service) : IClassFixture<MappingServiceFixture>
{
    /// <summary>Unreachable servers: a service that refuses to start must do so before it needs them.</summary>
    static readonly Dictionary<string, string?> Unreachable = new()
    {
        ["ConnectionStrings:postgres"] = "Host=127.0.0.1;Port=1;Username=x;Timeout=1",
        ["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@127.0.0.1:1/",
    };

    [Fact]
    public void Running_service_plans_with_the_rule_set_named_by_Rules_Path()
    {
        var running = service.Factory.Services.GetRequiredService<RunningRuleSet>();
        Assert.Equal("2025.06.1", running.Current.Version);
        Assert.Equal("csv2scim.yaml", running.Current.SourceName);
    }

    [Fact]
    public void Invalid_rule_set_stops_the_service_with_its_errors_and_positions()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, SampleFiles.RuleSetText.Replace("ToLower([WorkerStatus])", "Tolower([WorkerStatus])", StringComparison.Ordinal));
        try
        {
            var error = Assert.IsType<RuleSetLoadException>(StartupFailure.Of(() => Start(new Dictionary<string, string?>(Unreachable) { ["Rules:Path"] = path })));
            Assert.Contains($"The rule set at Rules:Path '{path}' is invalid", error.Message);
            Assert.Contains(":29:14 targets[0].active: unknown function 'Tolower': function names are case-sensitive, did you mean 'ToLower'?", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Rule_set_whose_test_cases_fail_stops_the_service()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, SampleFiles.RuleSetText.Replace("value: Employee", "value: Staff", StringComparison.Ordinal));
        try
        {
            var error = Assert.IsType<RuleSetLoadException>(StartupFailure.Of(() => Start(new Dictionary<string, string?>(Unreachable) { ["Rules:Path"] = path })));
            Assert.Contains("FAIL  Ginnie, an active employee in Asia Pacific, goes to the APAC OU in AD", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_rule_set_file_stops_the_service_naming_the_setting() =>
        Assert.Contains("Rules:Path names", Assert.IsType<RuleSetLoadException>(
            StartupFailure.Of(() => Start(new Dictionary<string, string?>(Unreachable) { ["Rules:Path"] = "/nonexistent/rules.yaml" }))).Message);

    [Fact]
    public void Empty_Rules_Path_stops_the_service_naming_the_setting() =>
        Assert.Contains("Rules:Path must name the rule-set YAML file", Assert.IsType<OptionsValidationException>(
            StartupFailure.Of(() => Start(new Dictionary<string, string?>(Unreachable) { ["Rules:Path"] = "" }))).Message);

    static void Start(Dictionary<string, string?> settings)
    {
        using var factory = MappingServiceFixture.Create(settings);
        _ = factory.Server;
    }
}
