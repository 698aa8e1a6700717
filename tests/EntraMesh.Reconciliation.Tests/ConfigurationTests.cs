using EntraMesh.Reconciliation.Tests.Infrastructure;
using EntraMesh.Testing;
using Microsoft.Extensions.Options;

namespace EntraMesh.Reconciliation.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Reconciliation:StuckAfter", "00:00:10")]
    [InlineData("Reconciliation:BatchMessageLimit", "0")]
    [InlineData("Reconciliation:MaxPageSize", "20000")]
    public async Task Service_refuses_to_start_with_a_wrong_setting_and_names_it(string setting, string value)
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();

        var failure = await StartupFailure.OfAsync(async () =>
        {
            await using var host = await ReconciliationHost.StartAsync(infrastructure, settings: new Dictionary<string, string?> { [setting] = value });
        });

        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains(setting, validation.Message);
    }
}
