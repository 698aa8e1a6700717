using System.Net;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Faults;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Scim;
using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>The <c>/_emulator/</c> API and the fixture other test projects use.</summary>
public sealed class InspectionTests : IAsyncLifetime
{
    EntraEmulatorServer server = null!;
    EmulatorClient client = null!;

    public async ValueTask InitializeAsync()
    {
        server = await EntraEmulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["Emulator:Tenants:0:Users:0:EmployeeId"] = "1001",
            ["Emulator:Tenants:0:Users:0:UserPrincipalName"] = "seeded.boss@contoso.com",
            ["Emulator:Tenants:0:Users:0:DisplayName"] = "Seeded Boss",
            ["Emulator:Tenants:0:Users:1:EmployeeId"] = "1002",
            ["Emulator:Tenants:0:Users:1:UserPrincipalName"] = "seeded.ad@contoso.com",
            ["Emulator:Tenants:0:Users:1:OnPremisesDomain"] = "contoso.com",
            ["Emulator:Tenants:0:Users:1:ParentDistinguishedName"] = "OU=Contractors,DC=contoso,DC=com",
            ["Emulator:Tenants:0:Users:1:ManagerEmployeeId"] = "1001",
        });
        client = await EmulatorClient.CreateAsync(server);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task The_fixture_exposes_everything_a_client_needs()
    {
        Assert.Equal("https", server.BaseUrl.Scheme);
        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.NotEqual(8443, server.BaseUrl.Port);
        Assert.Equal(server.CertificateThumbprint, server.Certificate.Thumbprint);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", server.CertificatePem);
        Assert.StartsWith("API2AAD.", server.CloudJobId);
        Assert.StartsWith("API2AD.", server.OnPremisesJobId);
        Assert.Equal("contoso.com", server.OnPremisesDomain);

        using var unpinned = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => unpinned.GetAsync(new Uri(server.BaseUrl, "health/live")));
        using var pinned = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await pinned.GetAsync("health/live")).StatusCode);
    }

    [Fact]
    public async Task The_default_configuration_has_both_jobs_the_OUs_and_the_custom_namespaces_and_shows_no_secret()
    {
        var configuration = await server.Inspection.GetConfigurationAsync();
        var tenant = Assert.Single(configuration.Tenants);
        var app = Assert.Single(tenant.Applications);
        var onPremises = tenant.Jobs.Single(job => job.Target == ProvisioningTarget.OnPremises);
        var cloud = tenant.Jobs.Single(job => job.Target == ProvisioningTarget.Cloud);

        Assert.True(app.HasSecret);
        Assert.Null(app.SecretFile);
        Assert.Equal(["SynchronizationData-User.Upload", "ProvisioningLog.Read.All", "Synchronization.Read.All"], app.Roles);
        Assert.Contains(ScimSchemas.EntraMeshExtension, onPremises.CustomNamespaces);
        Assert.Contains("urn:ietf:params:scim:schemas:extension:csv:1.0:User", onPremises.CustomNamespaces);
        Assert.Contains("urn:ietf:params:scim:schemas:extension:csv:1.0:User", cloud.CustomNamespaces);
        Assert.DoesNotContain(ScimSchemas.EntraMeshExtension, cloud.CustomNamespaces);
        Assert.Contains("OU=Dallas,OU=Users,DC=contoso,DC=com", onPremises.OrganizationalUnits);
        Assert.Equal("OU=Users,DC=contoso,DC=com", onPremises.DefaultContainer);
        Assert.Equal(50, configuration.Limits.MaxOperationsPerRequest);
        Assert.Equal(40, configuration.Limits.CallsPerWindow);
        Assert.Equal(TimeSpan.FromSeconds(5), configuration.Limits.Window);
        using var http = server.CreateHttpClient();
        Assert.DoesNotContain(server.ClientSecret, await http.GetStringAsync("_emulator/config"));
    }

    [Fact]
    public async Task Seeded_users_are_in_the_directory_with_their_manager_and_OU()
    {
        var users = await server.Inspection.GetUsersAsync();

        var boss = users.Single(user => user.EmployeeId == "1001");
        var contractor = users.Single(user => user.EmployeeId == "1002");
        Assert.Null(boss.OnPremisesDomain);
        Assert.Equal("contoso.com", contractor.OnPremisesDomain);
        Assert.Equal("CN=1002,OU=Contractors,DC=contoso,DC=com", contractor.DistinguishedName);
        Assert.Null(contractor.ManagerEmployeeId);
    }

    [Fact]
    public async Task Reset_empties_the_directory_and_logs_and_re_seeds_the_configured_users()
    {
        var id = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(id)));
        await client.LogEntryAsync(id);
        await server.Inspection.SetFaultsAsync(new FaultSettings { AddedLatency = TimeSpan.FromMilliseconds(1) });

        await server.Inspection.ResetAsync();

        Assert.Equal(["1001", "1002"], (await server.Inspection.GetUsersAsync()).Select(user => user.EmployeeId));
        Assert.Empty(await client.LogsAsync($"sourceIdentity/id eq '{id}'"));
        var counters = await server.Inspection.GetCountersAsync();
        Assert.Equal(0, counters.Operations.Accepted);
        Assert.True((await server.Inspection.GetFaultsAsync()).IsQuiet);
    }

    [Fact]
    public async Task Counters_and_the_call_log_record_every_emulated_call_with_its_answer()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(Scim.NewId()), Scim.Worker(Scim.NewId())));
        using (var rejected = await client.PostAsync("{}")) Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        await server.Inspection.WaitUntilProcessedAsync();

        var counters = await server.Inspection.GetCountersAsync();
        var calls = await server.Inspection.GetCallsAsync(since, EmulatorEndpoint.BulkUpload);

        Assert.Equal(2, counters.Operations.Accepted);
        Assert.Equal(2, counters.Operations.Success);
        Assert.Equal(2, counters.Calls["BulkUpload"]);
        Assert.Equal(1, counters.Statuses["202"]);
        Assert.Equal(1, counters.Statuses["400"]);
        Assert.Equal([202, 400], calls.Select(call => call.Status));
        Assert.All(calls, call => Assert.Equal(server.CloudJobId, call.JobId));
        Assert.Equal(server.TenantId, calls[0].TenantId);
        Assert.Equal(2, calls[0].Operations);
        Assert.True(calls[0].At >= since);
        Assert.Equal(2, EmulatorInspectionClient.MaxCallsInAnyWindow(calls, TimeSpan.FromSeconds(5)));
        Assert.DoesNotContain(await server.Inspection.GetCallsAsync(since), call => call.Path.StartsWith("/_emulator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_identity_Graph_and_inspection_endpoints()
    {
        using var http = server.CreateHttpClient();

        var paths = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json")).RootElement.GetProperty("paths");

        var names = paths.EnumerateObject().Select(path => path.Name).ToList();
        Assert.Contains("/v1.0/servicePrincipals/{servicePrincipalId}/synchronization/jobs/{jobId}/bulkUpload", names);
        Assert.Contains("/beta/auditLogs/provisioning", names);
        Assert.Contains("/{tenant}/oauth2/v2.0/token", names);
        Assert.Contains("/_emulator/faults", names);
    }

    [Fact]
    public async Task The_inspection_API_answers_problem_details_for_bad_requests()
    {
        var duplicate = await Assert.ThrowsAsync<HttpRequestException>(() =>
            server.Inspection.AddUserAsync(new SeedUserOptions { EmployeeId = "1001", UserPrincipalName = "again@contoso.com" }));
        var unknownJob = await Assert.ThrowsAsync<HttpRequestException>(() => server.Inspection.PauseJobAsync("API2AAD.nothing"));
        using var http = server.CreateHttpClient();
        using var action = await http.PostAsync($"_emulator/jobs/{server.CloudJobId}/explode", null);

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("employeeId", duplicate.Message);
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, action.StatusCode);
        Assert.Equal("application/problem+json", action.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Deleting_a_user_frees_its_userPrincipalName_for_another_worker()
    {
        var added = await server.Inspection.AddUserAsync(new SeedUserOptions { EmployeeId = "deleted-" + Guid.NewGuid().ToString("N")[..8], UserPrincipalName = $"taken{Guid.NewGuid():N}@contoso.com" });

        Assert.True(await server.Inspection.DeleteUserAsync(added.Id));

        Assert.Null(await server.Inspection.FindUserAsync(added.EmployeeId));
        Assert.False(await server.Inspection.DeleteUserAsync(added.Id));
        var again = await server.Inspection.AddUserAsync(new SeedUserOptions { EmployeeId = "other-" + Guid.NewGuid().ToString("N")[..8], UserPrincipalName = added.UserPrincipalName! });
        Assert.Equal(added.UserPrincipalName, again.UserPrincipalName);
    }
}
