using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;
using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch.Tests.Configuration;

/// <summary>A wrong target setting stops dispatch at start with a message that names the setting, and never shows a secret.</summary>
public sealed class DispatchOptionsTests
{
    static DispatchOptions Valid() => new()
    {
        Targets =
        [
            new TargetOptions
            {
                Name = "cloud", TenantId = "contoso.onmicrosoft.com", ClientId = "client", ClientSecret = "s3cr3t-value",
                ServicePrincipalId = "sp", JobId = "API2AAD.0123456789abcdef0123456789abcdef.00000000-0000-0000-0000-000000000001",
            },
        ],
    };

    static IReadOnlyList<string> Failures(DispatchOptions options) =>
        new DispatchOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Valid_target_passes()
    {
        Assert.Empty(Failures(Valid()));
    }

    [Theory]
    [InlineData("TenantId", "Dispatch:Targets:0:TenantId")]
    [InlineData("ClientId", "Dispatch:Targets:0:ClientId")]
    [InlineData("ServicePrincipalId", "Dispatch:Targets:0:ServicePrincipalId")]
    [InlineData("JobId", "Dispatch:Targets:0:JobId")]
    [InlineData("Name", "Dispatch:Targets:0:Name")]
    public void Missing_id_is_named(string property, string setting)
    {
        var options = Valid();
        typeof(TargetOptions).GetProperty(property)!.SetValue(options.Targets[0], null);

        Assert.Contains(Failures(options), failure => failure.Contains(setting));
    }

    [Fact]
    public void Target_without_any_credential_is_named_and_told_where_a_credential_may_come_from()
    {
        var options = Valid();
        options.Targets[0].ClientSecret = null;

        var failure = Assert.Single(Failures(options));
        Assert.Contains("Dispatch:Targets:0:ClientSecret", failure);
        Assert.Contains("CredentialDirectory", failure);
    }

    [Fact]
    public void Authority_over_plain_http_is_refused()
    {
        var options = Valid();
        options.Targets[0].Authority = "http://127.0.0.1:8443";

        Assert.Contains(Failures(options), failure => failure.Contains("Dispatch:Targets:0:Authority") && failure.Contains("https"));
    }

    [Fact]
    public void Targets_of_one_tenant_must_share_its_budgets()
    {
        var options = Valid();
        options.Targets.Add(new TargetOptions
        {
            Name = "onpremises", TenantId = "contoso.onmicrosoft.com", ClientId = "client", ClientSecret = "x", ServicePrincipalId = "sp2",
            JobId = "API2AD.0123456789abcdef0123456789abcdef.00000000-0000-0000-0000-000000000002", DailyBudget = 6000,
        });

        Assert.Contains(Failures(options), failure => failure.Contains("DailyBudget"));
    }

    [Fact]
    public void Routine_batches_may_not_wait_longer_for_quiet_than_at_most()
    {
        var options = Valid();
        options.RoutineBatchWindow = TimeSpan.FromMinutes(2);
        options.RoutineBatchMaxDelay = TimeSpan.FromMinutes(1);

        Assert.Contains(Failures(options), failure => failure.Contains("Dispatch:RoutineBatchMaxDelay") && failure.Contains("Dispatch:RoutineBatchWindow"));
    }

    [Fact]
    public void Leaver_reserve_must_leave_room_for_others()
    {
        var options = Valid();
        options.Targets[0].LeaverReserve = 2000;

        Assert.Contains(Failures(options), failure => failure.Contains("Dispatch:Targets:0:LeaverReserve"));
    }

    [Fact]
    public void Window_leaver_reserve_must_leave_room_for_others()
    {
        var options = Valid();
        options.Targets[0].WindowLeaverReserve = 40;

        Assert.Contains(Failures(options), failure => failure.Contains("Dispatch:Targets:0:WindowLeaverReserve") && failure.Contains("40"));
        options.Targets[0].WindowLeaverReserve = 39;
        Assert.DoesNotContain(Failures(options), failure => failure.Contains("WindowLeaverReserve"));
    }

    [Fact]
    public void Leaver_reserve_defaults_to_five_percent_of_the_daily_budget()
    {
        Assert.Equal(100, new TargetOptions { DailyBudget = 2000 }.EffectiveLeaverReserve);
        Assert.Equal(300, new TargetOptions { DailyBudget = 6000 }.EffectiveLeaverReserve);
    }

    [Fact]
    public async Task Dispatch_refuses_to_start_naming_the_setting_and_without_showing_the_secret()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var settings = DispatchHost.BaseSettings(infrastructure);
        settings["Dispatch:Targets:0:JobId"] = null;
        settings["Dispatch:Targets:0:ClientSecret"] = "do-not-print-this-value";

        var error = Assert.ThrowsAny<Exception>(() => DispatchHost.Start(settings));

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException() as OptionsValidationException ?? error);
        Assert.Contains("Dispatch:Targets:0:JobId", validation.Message);
        Assert.DoesNotContain("do-not-print-this-value", validation.Message);
    }
}
