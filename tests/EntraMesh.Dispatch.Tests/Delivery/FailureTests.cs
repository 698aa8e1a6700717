using System.Net;
using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.EntraEmulator.Faults;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Delivery;

/// <summary>Entra's failures, injected by the emulator over HTTPS: they delay delivery but lose nothing.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task Storms_of_429_5xx_and_dropped_connections_delay_delivery_but_lose_nothing()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await entra.Inspection.SetFaultsAsync(new FaultSettings
        {
            TooManyRequestsShare = 0.25,
            ServiceUnavailableShare = 0.15,
            InternalServerErrorShare = 0.1,
            DroppedConnectionShare = 0.05,
            DropAfterProcessingShare = 0.05,
            RetryAfter = TimeSpan.FromMilliseconds(300),
            Endpoints = [EmulatorEndpoint.BulkUpload],
        });
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            entra.Configure(settings);
            settings["Dispatch:RetryBaseDelay"] = "00:00:00.050";
            settings["Dispatch:RetryMaxDelay"] = "00:00:00.500";
        });
        await using var events = await EventRecorder.StartAsync(infrastructure);
        // Dispatch takes the plans in full calls of 50: 1,000 plans need at least 20 accepted calls, and with 60% of the calls
        // failing the emulator injects about 30 faults (600 plans, 12 calls, once drew only 4).
        var plans = Enumerable.Range(0, 1000).Select(i => Plans.Planned($"8{i:000}", 1, ChangeKind.Joiner)).ToList();

        await events.PublishAsync(plans);

        try
        {
            await Eventually.WaitForAsync(() => infrastructure.CountAsync("operation WHERE status = 'submitted'"), count => count == 1000, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException(timeout.Message + "\n" + await infrastructure.DescribeAsync(), timeout);
        }
        var counters = await entra.Inspection.GetCountersAsync();
        Assert.True(counters.InjectedFaults.Values.Sum() >= 5, $"faults were injected: {string.Join(", ", counters.InjectedFaults)}");
        Assert.Empty(events.Rejected);
        await entra.Inspection.ClearFaultsAsync();
        await entra.Inspection.WaitUntilProcessedAsync(TimeSpan.FromSeconds(30));
        var users = await entra.UsersAsync();
        Assert.All(plans, plan => Assert.True(users.ContainsKey(plan.WorkerId), $"worker {plan.WorkerId} is in the directory"));
    }

    [Fact]
    public async Task One_invalid_operation_in_a_batch_of_50_is_rejected_alone_and_the_other_49_are_delivered()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings => entra.Configure(settings));
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var plans = Enumerable.Range(0, 50).Select(i => Plans.Planned($"9{i:000}", 1, ChangeKind.Joiner)).ToList();
        plans[31] = Plans.Planned("9031", 1, ChangeKind.Joiner, shape: data => data["active"] = JsonValue.Create("maybe"));

        await events.PublishAsync(plans);

        var rejected = await Eventually.WaitForAsync(() => Task.FromResult(events.Rejected.ToList()), r => r.Count == 1, TimeSpan.FromSeconds(60));
        var refused = Assert.Single(rejected[0].Operations);
        Assert.Equal((plans[31].ChangeId, "9031", 400), (refused.ChangeId, refused.WorkerId, refused.StatusCode));
        Assert.Contains("active", refused.Error);
        await Eventually.WaitForAsync(() => Task.FromResult(events.SubmittedOperations.Count), count => count == 49, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(events.SubmittedOperations, o => o.WorkerId == "9031");

        await entra.Inspection.WaitUntilProcessedAsync(TimeSpan.FromSeconds(30));
        var users = await entra.UsersAsync();
        Assert.Equal(49, plans.Count(plan => users.ContainsKey(plan.WorkerId)));
        Assert.False(users.ContainsKey("9031"));
        var calls = await entra.BulkUploadCallsAsync();
        Assert.Equal(400, calls[0].Status);
        Assert.InRange(calls.Count, 3, 13);
        Assert.Equal([50], await infrastructure.QueryAsync("SELECT operations FROM call ORDER BY reserved_at LIMIT 1", r => r.GetInt32(0)));
    }

    [Fact]
    public async Task Forbidden_upload_stops_the_target_with_an_alert_and_keeps_its_changes()
    {
        const string readOnlyApp = "6f1d2a0c-5b8e-4f4e-9c1e-3a7b9d2e4f10";
        const string readOnlySecret = "Tst8Q~read-only-app-made-up-for-tests";
        await using var entra = await EmulatedEntra.StartAsync(new Dictionary<string, string?>
        {
            ["Emulator:Tenants:0:Applications:1:DisplayName"] = "app without the upload role",
            ["Emulator:Tenants:0:Applications:1:ClientId"] = readOnlyApp,
            ["Emulator:Tenants:0:Applications:1:ClientSecret"] = readOnlySecret,
            ["Emulator:Tenants:0:Applications:1:Roles:0"] = "ProvisioningLog.Read.All",
        });
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            entra.Configure(settings);
            settings["Dispatch:Targets:0:ClientId"] = readOnlyApp;
            settings["Dispatch:Targets:0:ClientSecret"] = readOnlySecret;
        });
        using var client = dispatch.CreateClient();
        await using var events = await EventRecorder.StartAsync(infrastructure);

        await events.PublishAsync(Enumerable.Range(0, 10).Select(i => Plans.Planned($"10{i:00}", 1, ChangeKind.Joiner)));

        var health = await Eventually.WaitForAsync(async () => JsonNode.Parse(await client.GetStringAsync("/health/ready"))!,
            h => h["status"]!.GetValue<string>() == "Degraded", TimeSpan.FromSeconds(30));
        Assert.Contains("403", health["checks"]!["entra-targets"]!["description"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        // The alert gauge for the stopped target (metrics are read when scraped; allow a scrape or two).
        await Eventually.WaitForAsync(
            async () => (await client.GetStringAsync("/metrics")).Split('\n')
                .Where(line => line.StartsWith("entramesh_dispatch_target_stopped{", StringComparison.Ordinal) && line.Contains("target=\"cloud\""))
                .Select(line => line.Split(' ')[1]).FirstOrDefault(),
            value => value == "1", TimeSpan.FromSeconds(30), "entramesh_dispatch_target_stopped{target=cloud} should be 1");
        Assert.Equal(10, await infrastructure.CountAsync("operation WHERE status = 'pending'"));
        Assert.Empty(events.Rejected);
    }
}
