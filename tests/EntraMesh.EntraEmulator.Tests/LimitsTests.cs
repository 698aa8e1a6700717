using System.Net;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Faults;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>
/// Entra's limits on bulkUpload, per tenant: 40 calls in any 5 seconds, a daily budget, 50 operations, a body size.
/// The clock is a FakeTimeProvider so the windows are exact; everything else is real HTTPS.
/// </summary>
public sealed class LimitsTests : IAsyncLifetime
{
    const string OtherTenant = "0b8ab7bc-3a0a-4d43-9e2f-6f1f0cc9a0d1";
    const string OtherClient = "7d0a3e5e-8f43-4a7c-8b43-2f7ad7a8e0c2";
    const string OtherSecret = "Oth8Q~other-tenant-secret-for-tests";
    const string OtherPrincipal = "51d3c1a8-2f9e-4e5c-9a35-0c2d7c91a3e4";
    const string OtherJob = "API2AAD.0b8ab7bc3a0a4d439e2f6f1f0cc9a0d1.6f9e2b1c-5d4a-4c3b-8a2e-1f0d9c8b7a65";

    readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    EntraEmulatorServer server = null!;
    EmulatorClient client = null!;

    public async ValueTask InitializeAsync()
    {
        server = await EntraEmulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["Emulator:Tenants:0:DailyCalls"] = "100",
            ["Emulator:Identity:TokenLifetime"] = "1.00:00:00",
            ["Emulator:Tenants:1:Id"] = OtherTenant,
            ["Emulator:Tenants:1:DomainName"] = "fabrikam.onmicrosoft.com",
            ["Emulator:Tenants:1:DisplayName"] = "Fabrikam",
            ["Emulator:Tenants:1:Applications:0:ClientId"] = OtherClient,
            ["Emulator:Tenants:1:Applications:0:ClientSecret"] = OtherSecret,
            ["Emulator:Tenants:1:Applications:0:Roles:0"] = "SynchronizationData-User.Upload",
            ["Emulator:Tenants:1:ProvisioningApps:0:ServicePrincipalId"] = OtherPrincipal,
            ["Emulator:Tenants:1:ProvisioningApps:0:JobId"] = OtherJob,
        }, builder => builder.Services.AddSingleton<TimeProvider>(time));
        client = await EmulatorClient.CreateAsync(server);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task The_41st_call_inside_5_seconds_gets_429_with_Retry_After()
    {
        for (var call = 1; call <= 40; call++) Assert.Equal(HttpStatusCode.Accepted, await PostAsync());

        time.Advance(TimeSpan.FromSeconds(2));
        using var refused = await client.PostAsync(Scim.Bulk(Scim.Worker(Scim.NewId())));

        var (code, _) = await BulkUploadRequestTests.GraphErrorAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("TooManyRequests", code);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter!.Delta);
        var counters = await server.Inspection.GetCountersAsync();
        Assert.Equal(1, counters.Throttled);
        Assert.Equal(40, counters.Operations.Accepted);
    }

    [Fact]
    public async Task The_window_slides_so_no_5_seconds_ever_hold_more_than_40_calls()
    {
        for (var call = 0; call < 20; call++) Assert.Equal(HttpStatusCode.Accepted, await PostAsync());
        time.Advance(TimeSpan.FromSeconds(3));
        for (var call = 0; call < 20; call++) Assert.Equal(HttpStatusCode.Accepted, await PostAsync());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync());

        time.Advance(TimeSpan.FromSeconds(1));
        for (var call = 0; call < 20; call++) Assert.Equal(HttpStatusCode.Accepted, await PostAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync());

        var calls = await server.Inspection.GetCallsAsync(endpoint: EmulatorEndpoint.BulkUpload);
        Assert.Equal(40, EmulatorInspectionClient.MaxCallsInAnyWindow(calls, TimeSpan.FromSeconds(5), record => record.Status == 202));
        Assert.Equal(2, calls.Count(record => record.Status == 429));
    }

    [Fact]
    public async Task The_daily_budget_is_enforced_and_returns_after_24_hours()
    {
        for (var hour = 0; hour < 100; hour++)
        {
            Assert.Equal(HttpStatusCode.Accepted, await PostAsync());
            time.Advance(TimeSpan.FromMinutes(10));
        }

        using var refused = await client.PostAsync(Scim.Bulk(Scim.Worker(Scim.NewId())));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("100 calls per 24 h", await refused.Content.ReadAsStringAsync());
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromHours(7), TimeSpan.FromHours(8));

        time.Advance(refused.Headers.RetryAfter.Delta.Value);
        using var fresh = await EmulatorClient.CreateAsync(server);
        using var accepted = await fresh.PostAsync(Scim.Bulk(Scim.Worker(Scim.NewId())));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task The_budget_is_per_tenant()
    {
        for (var call = 0; call < 40; call++) Assert.Equal(HttpStatusCode.Accepted, await PostAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync());

        var otherToken = await server.AcquireTokenAsync(OtherClient, OtherSecret, tenantId: OtherTenant);
        using var other = await EntraEmulatorServer.PostBulkAsync(client.Http, server.BulkUploadUrl(OtherPrincipal, OtherJob), otherToken,
            Scim.Bulk(Scim.Worker(Scim.NewId())));

        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task Limits_switched_off_at_run_time_let_every_call_through()
    {
        await server.Inspection.SetLimitsAsync(new LimitsOptions { Enabled = false });

        for (var call = 0; call < 120; call++) Assert.Equal(HttpStatusCode.Accepted, await PostAsync());
        var users = Enumerable.Range(0, 60).Select(_ => Scim.Worker(Scim.NewId())).ToArray();
        using var sixty = await client.PostAsync(Scim.Bulk(users));
        Assert.Equal(HttpStatusCode.Accepted, sixty.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_gets_413_with_or_without_a_Content_Length()
    {
        await server.Inspection.SetLimitsAsync(new LimitsOptions { MaxRequestBytes = 4096 });
        var big = Scim.Bulk(Enumerable.Range(0, 40).Select(_ => Scim.Worker(Scim.NewId())).ToArray());

        using var declared = await client.PostAsync(big);
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BulkUploadUrl()) { Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big))) };
        request.Content.Headers.ContentType = new("application/scim+json");
        request.Headers.Authorization = new("Bearer", client.Token);
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await client.Http.SendAsync(request);

        Assert.Equal("RequestEntityTooLarge", (await BulkUploadRequestTests.GraphErrorAsync(declared, HttpStatusCode.RequestEntityTooLarge)).Code);
        Assert.Equal("RequestEntityTooLarge", (await BulkUploadRequestTests.GraphErrorAsync(chunked, HttpStatusCode.RequestEntityTooLarge)).Code);
    }

    [Fact]
    public async Task Invalid_limits_are_refused_by_the_inspection_API_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => server.Inspection.SetLimitsAsync(new LimitsOptions { CallsPerWindow = -1 }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("CallsPerWindow", error.Message);
    }

    async Task<HttpStatusCode> PostAsync()
    {
        using var response = await client.PostAsync(Scim.Bulk(Scim.Worker(Scim.NewId())));
        return response.StatusCode;
    }
}
