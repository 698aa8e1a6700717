using EntraMesh.Testing;
using EntraMesh.Mapping.Tests.Api;
using EntraMesh.Mapping.Tests.Samples;
using Microsoft.Extensions.Options;

namespace EntraMesh.Mapping.Tests.Planning;

/// <summary>A wrong planning, holding, reload or preview setting stops the service at start with a message naming it.</summary>
public sealed class PlanningConfigurationTests
{
    [Theory]
    [InlineData("Planning:BatchSize", "0", "Planning:BatchSize must be between 1 and 1000.")]
    [InlineData("Planning:BatchTimeLimit", "00:01:00", "Planning:BatchTimeLimit must be between 1 ms and 10 seconds.")]
    [InlineData("Planning:ConcurrentBatches", "0", "Planning:ConcurrentBatches must be between 1 and 64.")]
    [InlineData("Holding:PollInterval", "00:00:00", "Holding:PollInterval must be between 50 ms and 1 hour.")]
    [InlineData("Holding:BatchSize", "5000", "Holding:BatchSize must be between 1 and 1000.")]
    [InlineData("Rules:ReloadInterval", "00:00:00.010", "Rules:ReloadInterval must be 00:00:00 (hot reload off) or at least 100 ms.")]
    [InlineData("Rules:ReloadInterval", "02:00:00", "Rules:ReloadInterval must be between 00:00:00 (off) and 01:00:00.")]
    [InlineData("PopulationPreview:Parallelism", "0", "PopulationPreview:Parallelism must be between 1 and 64.")]
    public void Wrong_setting_stops_the_service_naming_it(string key, string value, string message)
    {
        var error = Assert.IsType<OptionsValidationException>(StartupFailure.Of(() =>
        {
            using var factory = MappingServiceFixture.Create(new Dictionary<string, string?>
            {
                ["ConnectionStrings:postgres"] = "Host=127.0.0.1;Port=1;Username=x;Timeout=1",
                ["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@127.0.0.1:1/",
                ["Rules:Path"] = SampleFiles.RuleSetPath,
                [key] = value,
            });
            _ = factory.Server;
        }));
        Assert.Contains(message, error.Message);
    }
}
