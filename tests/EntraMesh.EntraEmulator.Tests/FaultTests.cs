using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EntraMesh.EntraEmulator.Faults;
using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>Faults injected at run time through <c>/_emulator/faults</c>, as chaos tests of dispatch will use them.</summary>
public sealed class FaultTests(UnlimitedEmulator fixture) : IClassFixture<UnlimitedEmulator>, IAsyncLifetime
{
    readonly EntraEmulatorServer server = fixture.Server;
    EmulatorClient client = null!;

    public async ValueTask InitializeAsync()
    {
        await server.Inspection.ResetAsync();
        client = await EmulatorClient.CreateAsync(server);
    }

    public async ValueTask DisposeAsync()
    {
        await server.Inspection.ClearFaultsAsync();
        client.Dispose();
    }

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable, 503, "serviceNotAvailable")]
    [InlineData(FaultKind.TooManyRequests, 429, "TooManyRequests")]
    [InlineData(FaultKind.InternalServerError, 500, "UnknownError")]
    public async Task An_injected_status_is_answered_in_Graphs_error_form_and_nothing_is_accepted(FaultKind kind, int status, string code)
    {
        await server.Inspection.SetFaultsAsync(new FaultSettings
        {
            TooManyRequestsShare = kind == FaultKind.TooManyRequests ? 1 : 0,
            ServiceUnavailableShare = kind == FaultKind.ServiceUnavailable ? 1 : 0,
            InternalServerErrorShare = kind == FaultKind.InternalServerError ? 1 : 0,
            RetryAfter = TimeSpan.FromSeconds(2),
            Endpoints = [EmulatorEndpoint.BulkUpload],
        });

        using var response = await client.PostAsync(Scim.Bulk(Scim.Worker(Scim.NewId())));

        var (actualCode, message) = await BulkUploadRequestTests.GraphErrorAsync(response, (HttpStatusCode)status);
        Assert.Equal(code, actualCode);
        Assert.Contains("injected", message);
        if (status != 500) Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
        var counters = await server.Inspection.GetCountersAsync();
        Assert.Equal(0, counters.Operations.Accepted);
        Assert.Equal(1, counters.InjectedFaults[kind.ToString()]);
        Assert.NotNull(await server.AcquireTokenAsync());
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_call_and_accepts_nothing()
    {
        await server.Inspection.SetFaultsAsync(new FaultSettings { DroppedConnectionShare = 1, Endpoints = [EmulatorEndpoint.BulkUpload] });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsync(Scim.Bulk(Scim.Worker(Scim.NewId()))));

        Assert.Equal(0, (await server.Inspection.GetCountersAsync()).Operations.Accepted);
        Assert.Contains(await server.Inspection.GetCallsAsync(endpoint: EmulatorEndpoint.BulkUpload), call => call.Status == 0 && call.Fault == "DroppedConnection");
    }

    [Fact]
    public async Task A_connection_dropped_after_processing_leaves_the_client_unsure_but_the_upload_was_accepted()
    {
        var id = Scim.NewId();
        await server.Inspection.SetFaultsAsync(new FaultSettings { DropAfterProcessingShare = 1, Endpoints = [EmulatorEndpoint.BulkUpload] });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsync(Scim.Bulk(Scim.Worker(id))));
        await server.Inspection.ClearFaultsAsync();

        Assert.Equal("success", (await client.LogEntryAsync(id)).Status());
    }

    [Fact]
    public async Task A_timeout_hangs_for_the_configured_time_and_then_answers_504()
    {
        await server.Inspection.SetFaultsAsync(new FaultSettings { TimeoutShare = 1, TimeoutAfter = TimeSpan.FromMilliseconds(600), Endpoints = [EmulatorEndpoint.ProvisioningLogs] });
        var watch = Stopwatch.StartNew();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.GraphBaseUrl}/auditLogs/provisioning");
        request.Headers.Authorization = new("Bearer", client.Token);
        using var response = await client.Http.SendAsync(request);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(550), $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal("GatewayTimeout", (await BulkUploadRequestTests.GraphErrorAsync(response, HttpStatusCode.GatewayTimeout)).Code);
    }

    [Fact]
    public async Task Added_latency_delays_every_selected_call()
    {
        await server.Inspection.SetFaultsAsync(new FaultSettings { AddedLatency = TimeSpan.FromMilliseconds(400), Endpoints = [EmulatorEndpoint.BulkUpload] });
        var watch = Stopwatch.StartNew();

        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(Scim.NewId())));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task MaxFaults_stops_injecting_after_that_many()
    {
        await server.Inspection.SetFaultsAsync(new FaultSettings { ServiceUnavailableShare = 1, MaxFaults = 2 });

        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 4; call++)
        {
            using var response = await client.PostAsync(Scim.Bulk(Scim.Worker(Scim.NewId())));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted, HttpStatusCode.Accepted], statuses);
    }

    [Fact]
    public async Task A_share_injects_about_that_share_of_calls()
    {
        await server.Inspection.SetFaultsAsync(new FaultSettings { TooManyRequestsShare = 0.25, InternalServerErrorShare = 0.25, Endpoints = [EmulatorEndpoint.BulkUpload] });

        var failed = 0;
        for (var call = 0; call < 200; call++)
        {
            using var response = await client.PostAsync(Scim.Bulk(Scim.Worker(Scim.NewId())));
            if (response.StatusCode != HttpStatusCode.Accepted) failed++;
        }

        Assert.InRange(failed, 60, 140);
    }

    [Fact]
    public async Task The_token_endpoint_can_fail_in_the_identity_platforms_form()
    {
        await server.Inspection.SetFaultsAsync(new FaultSettings { ServiceUnavailableShare = 1, Endpoints = [EmulatorEndpoint.Token] });
        using var http = server.CreateHttpClient();

        using var response = await http.PostAsync(server.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("temporarily_unavailable", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(Scim.Bulk(Scim.Worker(Scim.NewId())))).StatusCode);
    }

    [Fact]
    public async Task Impossible_fault_settings_are_refused_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => server.Inspection.SetFaultsAsync(new FaultSettings { TimeoutShare = 1.5 }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("TimeoutShare", error.Message);
        Assert.True((await server.Inspection.GetFaultsAsync()).IsQuiet);
    }
}
