using System.Globalization;
using EntraMesh.Benchmarking;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Pending;
using EntraMesh.EntraEmulator.Faults;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EntraMesh.DispatchBench;

/// <summary>
/// One run: a fresh emulator, database and virtual host; the backlog stored through dispatch's own pending store with
/// sending off; then dispatch started with sending on, until every change is accepted by the emulator.
/// </summary>
public static class DispatchRun
{
    public static async Task<RunFigures> RunAsync(bool limited, int changes)
    {
        var load = Machine.Load();
        await using var entra = await EntraEmulatorServer.StartAsync(limited
            ? new Dictionary<string, string?> { ["Emulator:Limits:DailyCalls"] = "6000" }
            : new Dictionary<string, string?> { ["Emulator:Limits:Enabled"] = "false" });
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var sink = await EventSink.StartAsync(infrastructure);
        var folder = Directory.CreateTempSubdirectory("entramesh-dispatch-bench-").FullName;
        try
        {
            var certificate = Path.Combine(folder, "emulator.pem");
            await File.WriteAllTextAsync(certificate, entra.CertificatePem);
            var settings = Settings(infrastructure, entra, certificate, limited);

            settings["Dispatch:SendingEnabled"] = "false";
            await using (var seeding = Start(settings))
            {
                await SeedAsync(seeding.Services, changes);
            }

            settings["Dispatch:SendingEnabled"] = "true";
            await using (var dispatch = Start(settings))
            {
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(limited ? changes / 50 / 7 + 120 : 300);
                while (await SubmittedAsync(infrastructure) < changes)
                {
                    if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not every change was accepted in time ({await SubmittedAsync(infrastructure)} of {changes}).");
                    await Task.Delay(100);
                }
            }

            var calls = (await entra.Inspection.GetCallsAsync(endpoint: EmulatorEndpoint.BulkUpload)).Where(call => call.Status == 202).ToList();
            var counters = await entra.Inspection.GetCountersAsync();
            var throttled = counters.Throttled + counters.Statuses.GetValueOrDefault("429");
            return new RunFigures(
                limited,
                calls.Count,
                calls.Min(call => call.Operations),
                calls.Max(call => call.Operations),
                throttled,
                EntraMesh.EntraEmulator.Inspection.EmulatorInspectionClient.MaxCallsInAnyWindow(calls, BenchOptions.Window),
                calls[^1].At - calls[0].At,
                await PendingToAcceptedAsync(infrastructure),
                await MedianRoundTripAsync(infrastructure),
                limited ? await PacingLatenessAsync(infrastructure) : "",
                load);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static Dictionary<string, string?> Settings(IsolatedInfrastructure infrastructure, EntraEmulatorServer entra, string certificate, bool limited) => new()
    {
        ["ConnectionStrings:postgres"] = infrastructure.PostgresConnectionString,
        ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
        ["Messaging:WaitUntilStarted"] = "true",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        ["Dispatch:LogPolling:Enabled"] = "false",
        ["Dispatch:Targets:0:Name"] = "cloud",
        ["Dispatch:Targets:0:TenantId"] = entra.TenantId,
        ["Dispatch:Targets:0:Authority"] = entra.BaseUrl.ToString().TrimEnd('/'),
        ["Dispatch:Targets:0:GraphBaseUrl"] = entra.GraphBaseUrl,
        ["Dispatch:Targets:0:ClientId"] = entra.ClientId,
        ["Dispatch:Targets:0:ClientSecret"] = entra.ClientSecret,
        ["Dispatch:Targets:0:ServicePrincipalId"] = entra.CloudServicePrincipalId,
        ["Dispatch:Targets:0:JobId"] = entra.CloudJobId,
        ["Dispatch:Targets:0:TrustedCertificatePath"] = certificate,
        ["Dispatch:Targets:0:DailyBudget"] = limited ? "6000" : "1000000",
        ["Dispatch:Targets:0:CallsPerWindow"] = limited ? "40" : "100000",
    };

    static WebApplicationFactory<DispatchOptions> Start(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new WebApplicationFactory<DispatchOptions>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Benchmark");
            web.UseContentRoot(Path.Combine(Repository.Root(), "services", "EntraMesh.Dispatch"));
            foreach (var (key, value) in settings) web.UseSetting(key, value);
            web.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        _ = factory.Services;
        return factory;
    }

    /// <summary>The backlog, through the consumer's own store (500 changes per transaction).</summary>
    static async Task SeedAsync(IServiceProvider services, int changes)
    {
        var outbox = services.GetRequiredService<Outbox>();
        var store = services.GetRequiredService<PendingStore>();
        foreach (var chunk in Workload.Joiners(changes).Chunk(500))
        {
            await using var tx = await outbox.BeginAsync();
            foreach (var plan in chunk) await store.EnqueueAsync(tx, PlannedOperation.From(plan, "cloud", out _)!, CancellationToken.None);
            await tx.CommitAsync();
        }
    }

    static async Task<long> SubmittedAsync(IsolatedInfrastructure infrastructure) =>
        await infrastructure.ScalarAsync<long>("SELECT count(*) FROM operation WHERE status = 'submitted'", "dispatch");

    /// <summary>
    /// How late each call was reserved after the slot its pacing aimed at (the answer of the call 40 before it, plus the
    /// 5-second window and the safety margin): p10 / p50 / p90 / p99 in ms. Lateness is what costs share of the rate.
    /// </summary>
    static async Task<string> PacingLatenessAsync(IsolatedInfrastructure infrastructure)
    {
        await using var connection = await infrastructure.OpenConnectionAsync("dispatch");
        await using var command = new NpgsqlCommand(
            """
            WITH c AS (SELECT reserved_at, completed_at, row_number() OVER (ORDER BY reserved_at) AS n FROM call WHERE outcome = 'accepted')
            SELECT percentile_cont(ARRAY[0.1,0.5,0.9,0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM later.reserved_at - earlier.completed_at) * 1000 - 5020)
            FROM c later JOIN c earlier ON earlier.n = later.n - 40
            """, connection);
        var values = (double[])(await command.ExecuteScalarAsync())!;
        return string.Join(" / ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));
    }

    /// <summary>Median time from a call's reservation to its recorded answer: what the pacing counts beyond the window.</summary>
    static async Task<TimeSpan> MedianRoundTripAsync(IsolatedInfrastructure infrastructure)
    {
        await using var connection = await infrastructure.OpenConnectionAsync("dispatch");
        await using var command = new NpgsqlCommand(
            "SELECT extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY completed_at - reserved_at)) FROM call WHERE outcome = 'accepted'", connection);
        return TimeSpan.FromSeconds(Convert.ToDouble(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
    }

    /// <summary>From the first reservation to the last accepted answer, by the database clock.</summary>
    static async Task<TimeSpan> PendingToAcceptedAsync(IsolatedInfrastructure infrastructure)
    {
        await using var connection = await infrastructure.OpenConnectionAsync("dispatch");
        await using var command = new NpgsqlCommand(
            "SELECT extract(epoch FROM max(completed_at) FILTER (WHERE outcome = 'accepted') - min(reserved_at)) FROM call", connection);
        var seconds = Convert.ToDouble(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(seconds);
    }
}
