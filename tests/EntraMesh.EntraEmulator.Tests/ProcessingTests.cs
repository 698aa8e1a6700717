using System.Text.Json.Nodes;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.Scim;
using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>How accepted operations change the directory: matching, create, update, enable, disable, references, failures.</summary>
public sealed class ProcessingTests(UnlimitedEmulator fixture) : IClassFixture<UnlimitedEmulator>, IAsyncLifetime
{
    const string CsvNamespace = "urn:ietf:params:scim:schemas:extension:csv:1.0:User";

    readonly EntraEmulatorServer server = fixture.Server;
    EmulatorClient client = null!;

    public async ValueTask InitializeAsync() => client = await EmulatorClient.CreateAsync(server);

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_second_upload_of_a_worker_updates_the_matched_user_instead_of_creating_another()
    {
        var id = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(Scim.User(id, $"u{id}@contoso.com", "First Name", department: "Sales")));
        await client.LogEntryAsync(id);

        await client.AcceptedAsync(Scim.Bulk(Scim.User(id, $"u{id}@contoso.com", "First Name", department: "Marketing")));

        var entries = await Eventually.WaitForAsync(() => client.LogsAsync($"sourceIdentity/id eq '{id}'"), found => found.Count == 2);
        Assert.Equal(["update", "create"], entries.Select(entry => entry.Action()));
        Assert.Equal("Marketing", entries[0].NewValue("department"));
        var users = (await server.Inspection.GetUsersAsync()).Where(user => user.EmployeeId == id).ToList();
        Assert.Equal("Marketing", Assert.Single(users).Properties["department"]);
    }

    [Fact]
    public async Task A_leaver_is_disabled_and_never_deleted_and_a_rehire_is_enabled_again()
    {
        var id = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(id)));
        await client.LogEntryAsync(id);

        await client.AcceptedAsync(Scim.Bulk(Scim.User(id, active: false)));
        var leaver = await Eventually.WaitForAsync(() => client.LogsAsync($"sourceIdentity/id eq '{id}' and provisioningAction eq 'disable'"), found => found.Count == 1);
        Assert.False((await server.Inspection.FindUserAsync(id))!.AccountEnabled);

        await client.AcceptedAsync(Scim.Bulk(Scim.User(id, active: true)));
        await Eventually.WaitForAsync(() => client.LogsAsync($"sourceIdentity/id eq '{id}'"), found => found.Count == 3);
        Assert.Equal("success", leaver[0].Status());
        Assert.True((await server.Inspection.FindUserAsync(id))!.AccountEnabled);
        Assert.DoesNotContain(await client.LogsAsync($"sourceIdentity/id eq '{id}'"), entry => entry.Action() is "delete" or "stagedDelete");
    }

    [Fact]
    public async Task Sending_the_same_values_again_is_skipped_as_a_redundant_export()
    {
        var id = Scim.NewId();
        var body = Scim.Bulk(Scim.Worker(id));
        await client.AcceptedAsync(body);
        await client.LogEntryAsync(id);

        await client.AcceptedAsync(body);

        var entries = await Eventually.WaitForAsync(() => client.LogsAsync($"sourceIdentity/id eq '{id}'"), found => found.Count == 2);
        Assert.Equal("skipped", entries[0].Status());
        Assert.Equal("RedundantExport", entries[0].ErrorCode());
    }

    [Fact]
    public async Task An_unknown_attribute_fails_the_user_naming_the_attribute_and_the_others_of_the_request_go_through()
    {
        var bad = Scim.NewId();
        var good = Scim.NewId();
        var unknown = Scim.Worker(bad);
        unknown["shoeSize"] = "44";
        unknown.With(CsvNamespace, new JsonObject { ["HireDate"] = "2013-01-01T00:00:00Z", ["FavouriteColour"] = "blue" });

        await client.AcceptedAsync(Scim.Bulk(unknown, Scim.Worker(good)));

        var entry = await client.LogEntryAsync(bad);
        Assert.Equal("failure", entry.Status());
        Assert.Equal("InvalidPropertyName", entry.ErrorCode());
        Assert.Contains("'shoeSize'", entry.ErrorReason());
        Assert.Contains($"'{CsvNamespace}:FavouriteColour'", entry.ErrorReason());
        Assert.Null(await server.Inspection.FindUserAsync(bad));
        Assert.Equal("success", (await client.LogEntryAsync(good)).Status());
    }

    [Fact]
    public async Task The_on_premises_OU_attribute_is_unknown_to_the_cloud_job()
    {
        var id = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(id).With(ScimSchemas.EntraMeshExtension, new JsonObject { ["parentDistinguishedName"] = "OU=Users,DC=contoso,DC=com" })));

        var entry = await client.LogEntryAsync(id);
        Assert.Equal("InvalidPropertyName", entry.ErrorCode());
        Assert.Contains("parentDistinguishedName", entry.ErrorReason());
    }

    [Fact]
    public async Task A_duplicate_userPrincipalName_fails_the_second_user_in_the_cloud()
    {
        var first = Scim.NewId();
        var second = Scim.NewId();
        var upn = $"same{first}@contoso.com";

        await client.AcceptedAsync(Scim.Bulk(Scim.User(first, upn, "First"), Scim.User(second, upn.ToUpperInvariant(), "Second")));

        Assert.Equal("success", (await client.LogEntryAsync(first)).Status());
        var entry = await client.LogEntryAsync(second);
        Assert.Equal(("create", "failure"), (entry.Action(), entry.Status()));
        Assert.Equal("AzureActiveDirectoryDuplicateUserPrincipalName", entry.ErrorCode());
        Assert.Null(await server.Inspection.FindUserAsync(second));
    }

    [Fact]
    public async Task A_userName_without_a_domain_fails_under_the_default_mapping_and_gets_the_configured_suffix_otherwise()
    {
        var bare = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(Scim.User(bare, $"EMP{bare}", "Bare Name")));
        Assert.Equal("AzureActiveDirectoryInvalidUserPrincipalName", (await client.LogEntryAsync(bare)).ErrorCode());

        await using var suffixed = await EntraEmulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["Emulator:Limits:CallsPerWindow"] = "0",
            ["Emulator:Tenants:0:ProvisioningApps:0:UserPrincipalNameSuffix"] = "contoso.com",
        });
        using var suffixedClient = await EmulatorClient.CreateAsync(suffixed);
        var withDomain = Scim.NewId();
        await suffixedClient.AcceptedAsync(Scim.Bulk(Scim.User(bare, $"EMP{bare}", "Bare Name"), Scim.User(withDomain, $"own{withDomain}@fabrikam.com", "Own Domain")));

        Assert.Equal("success", (await suffixedClient.LogEntryAsync(bare)).Status());
        Assert.Equal($"EMP{bare}@contoso.com", (await suffixed.Inspection.FindUserAsync(bare))!.UserPrincipalName);
        await suffixedClient.LogEntryAsync(withDomain);
        Assert.Equal($"own{withDomain}@fabrikam.com", (await suffixed.Inspection.FindUserAsync(withDomain))!.UserPrincipalName);
    }

    [Fact]
    public async Task A_new_user_without_userName_fails_and_a_manager_sent_later_resolves_on_the_next_upload()
    {
        var noName = Scim.NewId();
        var report = Scim.NewId();
        var manager = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(Scim.User(noName, userName: null, "No Name"), Scim.Worker(report, manager)));

        Assert.Equal("AzureActiveDirectoryInvalidUserPrincipalName", (await client.LogEntryAsync(noName)).ErrorCode());
        Assert.Equal("UnableToResolveReferenceAttributeValue", (await client.LogEntryAsync(report)).ErrorCode());
        Assert.Null((await server.Inspection.FindUserAsync(report))!.ManagerId);

        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(manager)));
        await client.LogEntryAsync(manager);
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(report, manager)));

        await Eventually.WaitForAsync(() => client.LogsAsync($"sourceIdentity/id eq '{report}' and statusInfo/status eq 'success'"), found => found.Count == 1);
        Assert.Equal(manager, (await server.Inspection.FindUserAsync(report))!.ManagerEmployeeId);
    }

    [Fact]
    public async Task On_premises_users_go_to_the_named_OU_or_the_default_container_and_a_missing_OU_fails()
    {
        string dallas = Scim.NewId(), plain = Scim.NewId(), nowhere = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(
            Scim.Worker(dallas).With(ScimSchemas.EntraMeshExtension, new JsonObject { ["ParentDistinguishedName"] = "OU=Dallas, OU=Users,DC=contoso,DC=com" }),
            Scim.Worker(plain),
            Scim.Worker(nowhere).With(ScimSchemas.EntraMeshExtension, new JsonObject { ["parentDistinguishedName"] = "OU=Mars,DC=contoso,DC=com" })), onPremises: true);

        Assert.Equal("success", (await client.LogEntryAsync(dallas, server.OnPremisesJobId)).Status());
        var dallasUser = await server.Inspection.FindUserAsync(dallas, server.OnPremisesDomain);
        Assert.Equal($"CN=Worker {dallas},OU=Dallas, OU=Users,DC=contoso,DC=com", dallasUser!.DistinguishedName);
        Assert.Equal($"w{dallas}", dallasUser.Properties["sAMAccountName"]);

        await client.LogEntryAsync(plain, server.OnPremisesJobId);
        Assert.Equal("OU=Users,DC=contoso,DC=com", (await server.Inspection.FindUserAsync(plain, server.OnPremisesDomain))!.ParentDistinguishedName);

        var failed = await client.LogEntryAsync(nowhere, server.OnPremisesJobId);
        Assert.Equal("ActiveDirectoryContainerNotFound", failed.ErrorCode());
        Assert.Contains("OU=Mars,DC=contoso,DC=com", failed.ErrorReason());
        Assert.Null(await server.Inspection.FindUserAsync(nowhere, server.OnPremisesDomain));
        Assert.Null(await server.Inspection.FindUserAsync(dallas));
    }

    [Fact]
    public async Task On_premises_accountDisabled_follows_active_and_a_mover_changes_OU()
    {
        var id = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(id)), onPremises: true);
        await client.LogEntryAsync(id, server.OnPremisesJobId);

        var moved = Scim.User(id, active: false).With(ScimSchemas.EntraMeshExtension, new JsonObject { ["parentDistinguishedName"] = "OU=Europe,OU=Users,DC=contoso,DC=com" });
        await client.AcceptedAsync(Scim.Bulk(moved), onPremises: true);

        var entry = (await Eventually.WaitForAsync(() => client.LogsAsync($"sourceIdentity/id eq '{id}' and provisioningAction eq 'disable'"), found => found.Count == 1))[0];
        Assert.Equal("True", entry.NewValue("accountDisabled"));
        Assert.Equal($"CN=Worker {id},OU=Europe,OU=Users,DC=contoso,DC=com", entry.NewValue("distinguishedName"));
        var user = await server.Inspection.FindUserAsync(id, server.OnPremisesDomain);
        Assert.False(user!.AccountEnabled);
        Assert.Equal("True", user.Properties["accountDisabled"]);
    }

    [Fact]
    public async Task A_hire_date_without_a_time_part_does_not_flow_and_one_with_it_does()
    {
        string dateOnly = Scim.NewId(), withTime = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(
            Scim.Worker(dateOnly).With(CsvNamespace, new JsonObject { ["HireDate"] = "2013-01-01", ["JobCode"] = "S-1" }),
            Scim.Worker(withTime).With(CsvNamespace, new JsonObject { ["hiredate"] = "2013-01-01T00:00:00-05:00" })));

        Assert.Equal("success", (await client.LogEntryAsync(dateOnly)).Status());
        Assert.False((await server.Inspection.FindUserAsync(dateOnly))!.Properties.ContainsKey("employeeHireDate"));
        await client.LogEntryAsync(withTime);
        Assert.Equal("2013-01-01T05:00:00Z", (await server.Inspection.FindUserAsync(withTime))!.Properties["employeeHireDate"]);
    }

    [Fact]
    public async Task A_paused_job_accepts_uploads_and_processes_them_only_when_resumed()
    {
        var id = Scim.NewId();
        await server.Inspection.PauseJobAsync(server.CloudJobId);
        try
        {
            await client.AcceptedAsync(Scim.Bulk(Scim.Worker(id)));
            await Task.Delay(300);
            Assert.Empty(await client.LogsAsync($"sourceIdentity/id eq '{id}'"));
            Assert.True((await server.Inspection.GetJobsAsync()).Single(job => job.JobId == server.CloudJobId).PendingOperations >= 1);
        }
        finally
        {
            await server.Inspection.ResumeJobAsync(server.CloudJobId);
        }

        Assert.Equal("success", (await client.LogEntryAsync(id)).Status());
    }

    [Fact]
    public async Task A_quarantined_job_holds_its_uploads_until_resumed_and_a_restart_purges_them()
    {
        string held = Scim.NewId(), purged = Scim.NewId();
        await server.Inspection.QuarantineJobAsync(server.OnPremisesJobId, new Inspection.QuarantineRequest("EncounteredQuarantineException", "AgentInactive", "The agent is inactive."));
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(purged)), onPremises: true);
        await server.Inspection.RestartJobAsync(server.OnPremisesJobId);
        await server.Inspection.QuarantineJobAsync(server.OnPremisesJobId);
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(held)), onPremises: true);
        await Task.Delay(200);
        Assert.Empty(await client.LogsAsync($"sourceIdentity/id eq '{held}'"));

        await server.Inspection.ResumeJobAsync(server.OnPremisesJobId);

        Assert.Equal("success", (await client.LogEntryAsync(held, server.OnPremisesJobId)).Status());
        Assert.Empty(await client.LogsAsync($"sourceIdentity/id eq '{purged}'"));
        Assert.Null(await server.Inspection.FindUserAsync(purged, server.OnPremisesDomain));
        Assert.True((await server.Inspection.WaitUntilProcessedAsync()).Operations.Purged >= 1);
    }

    [Fact]
    public async Task Seeded_users_are_matched_by_employeeId()
    {
        var id = Scim.NewId();
        await server.Inspection.AddUserAsync(new SeedUserOptions { EmployeeId = id, UserPrincipalName = $"seed{id}@contoso.com", DisplayName = "Seeded" });

        await client.AcceptedAsync(Scim.Bulk(Scim.User(id, displayName: "Renamed")));

        var entry = await client.LogEntryAsync(id);
        Assert.Equal(("update", "success"), (entry.Action(), entry.Status()));
        Assert.Equal("Renamed", (await server.Inspection.FindUserAsync(id))!.DisplayName);
    }
}
