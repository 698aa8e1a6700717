using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary><c>GET /servicePrincipals/{id}/synchronization/jobs/{jobId}</c> and the users, read with the Graph SDK.</summary>
public sealed class JobStatusTests(UnlimitedEmulator fixture) : IClassFixture<UnlimitedEmulator>, IAsyncLifetime
{
    readonly EntraEmulatorServer server = fixture.Server;
    EmulatorClient client = null!;
    GraphServiceClient graph = null!;

    public async ValueTask InitializeAsync()
    {
        client = await EmulatorClient.CreateAsync(server);
        graph = GraphSdk.Create(server, client.Token);
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        graph.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_active_job_reports_its_last_execution_with_counts()
    {
        var bad = Scim.Worker(Scim.NewId());
        bad["unknownThing"] = "x";
        var good = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(good), bad));
        await client.LogEntryAsync(good);
        await server.Inspection.WaitUntilProcessedAsync();

        var job = await graph.ServicePrincipals[server.CloudServicePrincipalId].Synchronization.Jobs[server.CloudJobId].GetAsync();

        Assert.Equal(server.CloudJobId, job!.Id);
        Assert.Equal("API2AAD", job.TemplateId);
        Assert.Equal(SynchronizationStatusCode.Active, job.Status!.Code);
        Assert.Null(job.Status.Quarantine);
        Assert.Equal(2, job.Status.LastExecution!.CountImported);
        Assert.Equal(1, job.Status.LastExecution.CountEscrowed);
        Assert.Equal(1, job.Status.LastExecution.CountExported);
        Assert.Equal(SynchronizationTaskExecutionResult.EntryLevelErrors, job.Status.LastExecution.State);
    }

    [Fact]
    public async Task Pause_and_quarantine_show_in_the_status_with_the_reason()
    {
        try
        {
            await server.Inspection.PauseJobAsync(server.OnPremisesJobId);
            var paused = await graph.ServicePrincipals[server.OnPremisesServicePrincipalId].Synchronization.Jobs[server.OnPremisesJobId].GetAsync();
            await server.Inspection.QuarantineJobAsync(server.OnPremisesJobId, new QuarantineRequest("EncounteredQuarantineException", "HybridIdentityServiceNoActiveAgents", "No agent is active."));
            var quarantined = await graph.ServicePrincipals[server.OnPremisesServicePrincipalId].Synchronization.Jobs[server.OnPremisesJobId].GetAsync();

            Assert.Equal(SynchronizationStatusCode.Paused, paused!.Status!.Code);
            Assert.Equal(SynchronizationStatusCode.Quarantine, quarantined!.Status!.Code);
            Assert.Equal(QuarantineReason.EncounteredQuarantineException, quarantined.Status.Quarantine!.Reason);
            Assert.Equal("HybridIdentityServiceNoActiveAgents", quarantined.Status.Quarantine.Error!.Code);
            Assert.Equal("API2AD", quarantined.TemplateId);
        }
        finally
        {
            await server.Inspection.ResumeJobAsync(server.OnPremisesJobId);
        }
    }

    [Fact]
    public async Task Graphs_pause_and_start_need_a_write_permission()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() =>
            graph.ServicePrincipals[server.CloudServicePrincipalId].Synchronization.Jobs[server.CloudJobId].Pause.PostAsync());

        Assert.Equal(403, error.ResponseStatusCode);
        Assert.Equal(Configuration.JobStatusCode.Active, (await server.Inspection.GetJobsAsync()).Single(job => job.JobId == server.CloudJobId).Status);
    }

    [Fact]
    public async Task A_job_of_another_service_principal_is_not_found()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() =>
            graph.ServicePrincipals[server.OnPremisesServicePrincipalId].Synchronization.Jobs[server.CloudJobId].GetAsync());

        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("Request_ResourceNotFound", error.Error!.Code);
    }

    [Fact]
    public async Task The_SDK_finds_a_provisioned_user_by_employeeId_and_reads_its_manager()
    {
        string manager = Scim.NewId(), report = Scim.NewId();
        await client.AcceptedAsync(Scim.Bulk(Scim.Worker(manager), Scim.Worker(report, manager)));
        await client.LogEntryAsync(report);

        var users = await graph.Users.GetAsync(request =>
        {
            request.QueryParameters.Filter = $"employeeId eq '{report}'";
            request.QueryParameters.Select = ["id", "displayName", "userPrincipalName", "employeeId", "accountEnabled", "department"];
        });
        var user = Assert.Single(users!.Value!);
        var boss = await graph.Users[user.Id].Manager.GetAsync();

        Assert.Equal($"w{report}@contoso.com", user.UserPrincipalName);
        Assert.Equal(report, user.EmployeeId);
        Assert.True(user.AccountEnabled);
        Assert.Equal("Sales", user.Department);
        Assert.Equal($"w{manager}@contoso.com", Assert.IsType<User>(boss).UserPrincipalName);
    }

    [Fact]
    public async Task Users_without_select_show_Graphs_default_properties_and_page()
    {
        await client.AcceptedAsync(Scim.Bulk(Enumerable.Range(0, 5).Select(_ => Scim.Worker(Scim.NewId())).ToArray()));
        await server.Inspection.WaitUntilProcessedAsync();

        var first = await graph.Users.GetAsync(request => request.QueryParameters.Top = 2);
        var all = new List<User>();
        await PageIterator<User, UserCollectionResponse>.CreatePageIterator(graph, first!, user =>
        {
            all.Add(user);
            return true;
        }).IterateAsync();

        Assert.Equal(2, first!.Value!.Count);
        Assert.Null(first.Value[0].EmployeeId);
        Assert.NotNull(first.Value[0].UserPrincipalName);
        Assert.Equal((await server.Inspection.GetUsersAsync()).Count, all.Count);
    }
}
