using System.Text.Json;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>The three request bodies of Microsoft's "Perform bulkUpload" page, sent as they are, produce the documented outcomes.</summary>
public sealed class MicrosoftExamplesTests(UnlimitedEmulator fixture) : IClassFixture<UnlimitedEmulator>, IAsyncLifetime
{
    readonly EntraEmulatorServer server = fixture.Server;
    EmulatorClient client = null!;

    public async ValueTask InitializeAsync()
    {
        await server.Inspection.ResetAsync();
        client = await EmulatorClient.CreateAsync(server);
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Example_1_creates_both_users_and_makes_Barbara_Kathys_manager()
    {
        await client.AcceptedAsync(Example("bulk-upload-example-1-core-and-enterprise.json"));

        var kathy = await client.LogEntryAsync("701985");
        var barbara = await client.LogEntryAsync("701984");
        Assert.Equal(("create", "success"), (kathy.Action(), kathy.Status()));
        Assert.Contains("referenceResolution", kathy.StepTypes());

        // Barbara's own manager (externalId 89607) was never provisioned: the user is created, the reference fails.
        Assert.Equal(("create", "failure"), (barbara.Action(), barbara.Status()));
        Assert.Equal("UnableToResolveReferenceAttributeValue", barbara.ErrorCode());
        Assert.Contains("89607", barbara.ErrorReason());

        var users = await client.GetJsonAsync("v1.0/users?$filter=employeeId eq '701985'&$select=id,displayName,userPrincipalName,department,jobTitle,city,mail,accountEnabled");
        var kathyUser = Assert.Single(users.GetProperty("value").EnumerateArray());
        Assert.Equal("Kathy Jensen", kathyUser.GetProperty("displayName").GetString());
        Assert.Equal("Kjensen@example.com", kathyUser.GetProperty("userPrincipalName").GetString());
        Assert.Equal("Tour Operations", kathyUser.GetProperty("department").GetString());
        Assert.Equal("Tour Lead", kathyUser.GetProperty("jobTitle").GetString());
        Assert.Equal("Hollywood", kathyUser.GetProperty("city").GetString());
        Assert.Equal("kjensen@example.com", kathyUser.GetProperty("mail").GetString());
        Assert.True(kathyUser.GetProperty("accountEnabled").GetBoolean());

        var manager = await client.GetJsonAsync($"v1.0/users/{kathyUser.GetProperty("id").GetString()}/manager");
        Assert.Equal("Babs Jensen", manager.GetProperty("displayName").GetString());
        Assert.Equal("bjensen@example.com", manager.GetProperty("userPrincipalName").GetString());
    }

    [Fact]
    public async Task Example_2_with_a_custom_namespace_sets_the_hire_dates_and_keeps_the_job_codes()
    {
        await client.AcceptedAsync(Example("bulk-upload-example-2-custom-namespace.json"));

        Assert.Equal("success", (await client.LogEntryAsync("701985")).Status());
        var barbara = await server.Inspection.FindUserAsync("701984");
        var kathy = await server.Inspection.FindUserAsync("701985");
        Assert.Equal("2021-05-01T05:00:00Z", barbara!.Properties["employeeHireDate"]);
        Assert.Equal("2022-07-15T05:00:00Z", kathy!.Properties["employeeHireDate"]);
        var users = await client.GetJsonAsync($"v1.0/users/{kathy.Id}?$select=employeeHireDate,employeeId");
        Assert.Equal("2022-07-15T05:00:00Z", users.GetProperty("employeeHireDate").GetString());
        Assert.Equal(barbara.Id, kathy.ManagerId);
    }

    [Fact]
    public async Task Example_3_disables_an_existing_user_and_changes_the_department()
    {
        await server.Inspection.AddUserAsync(new SeedUserOptions
        {
            EmployeeId = "7172023", UserPrincipalName = "kpatel@contoso.com", DisplayName = "Kavya Patel", Department = "Tour Operations",
        });

        await client.AcceptedAsync(Example("bulk-upload-example-3-update-existing-user.json"));

        var entry = await client.LogEntryAsync("7172023");
        Assert.Equal(("disable", "success"), (entry.Action(), entry.Status()));
        Assert.Equal("False", entry.NewValue("accountEnabled"));
        Assert.Equal("Tour Ops", entry.NewValue("department"));
        var user = await server.Inspection.FindUserAsync("7172023");
        Assert.False(user!.AccountEnabled);
        Assert.Equal("Tour Ops", user.Properties["department"]);
        Assert.Equal("Kavya Patel", user.DisplayName);
    }

    [Fact]
    public async Task Example_3_for_a_worker_that_does_not_exist_creates_nothing()
    {
        await client.AcceptedAsync(Example("bulk-upload-example-3-update-existing-user.json"));

        var entry = await client.LogEntryAsync("7172023");
        Assert.Equal("skipped", entry.Status());
        Assert.Null(await server.Inspection.FindUserAsync("7172023"));
    }

    [Fact]
    public async Task The_provisioning_log_entry_has_the_documented_shape()
    {
        await client.AcceptedAsync(Example("bulk-upload-example-1-core-and-enterprise.json"));

        var entry = await client.LogEntryAsync("701985");
        foreach (var property in new[]
                 {
                     "id", "activityDateTime", "tenantId", "jobId", "cycleId", "changeId", "provisioningAction", "durationInMilliseconds",
                     "provisioningStatusInfo", "provisioningSteps", "modifiedProperties", "servicePrincipal", "sourceSystem", "targetSystem",
                     "initiatedBy", "sourceIdentity", "targetIdentity",
                 })
        {
            Assert.True(entry.TryGetProperty(property, out _), $"missing {property}");
        }

        Assert.Equal(server.CloudJobId, entry.GetProperty("jobId").GetString());
        Assert.Equal(server.TenantId, entry.GetProperty("tenantId").GetString());
        Assert.Equal(server.CloudServicePrincipalId, entry.GetProperty("servicePrincipal").GetProperty("id").GetString());
        Assert.Equal("701985", entry.GetProperty("sourceIdentity").GetProperty("id").GetString());
        Assert.Equal("Kathy Jensen", entry.GetProperty("sourceIdentity").GetProperty("displayName").GetString());
        Assert.True(Guid.TryParse(entry.GetProperty("targetIdentity").GetProperty("id").GetString(), out _));
        Assert.Equal(["import", "matching", "scoping", "referenceResolution", "export"], entry.StepTypes().ToArray());
        Assert.Equal("Kjensen@example.com", entry.NewValue("userPrincipalName"));
        Assert.True(entry.GetProperty("activityDateTime").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("provisioningStatusInfo").GetProperty("errorInformation").ValueKind);
    }

    static string Example(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", file));
}
