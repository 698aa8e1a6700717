using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary><c>GET /servicePrincipals/{id}/synchronization/jobs/{jobId}</c> and the users, read with the Graph SDK.</summary>
public sealed class JobStatusTests(UnlimitedEmulator fixture) : GraphSdkTests(fixture), IClassFixture<UnlimitedEmulator>
{
    [Fact]
    public async Task An_active_job_reports_its_last_execution_with_counts()
    {
        var bad = Scim.Worker(Scim.NewId());
        bad["unknownThing"] = "x";
        var good = Scim.NewId();
        await Client.AcceptedAsync(Scim.Bulk(Scim.Worker(good), bad));
        await Client.LogEntryAsync(good);
        await Server.Inspection.WaitUntilProcessedAsync();

        var job = await Graph.ServicePrincipals[Server.CloudServicePrincipalId].Synchronization.Jobs[Server.CloudJobId].GetAsync();

        Assert.Equal(Server.CloudJobId, job!.Id);
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
            await Server.Inspection.PauseJobAsync(Server.OnPremisesJobId);
            var paused = await Graph.ServicePrincipals[Server.OnPremisesServicePrincipalId].Synchronization.Jobs[Server.OnPremisesJobId].GetAsync();
            await Server.Inspection.QuarantineJobAsync(Server.OnPremisesJobId, new QuarantineRequest("EncounteredQuarantineException", "HybridIdentityServiceNoActiveAgents", "No agent is active."));
            var quarantined = await Graph.ServicePrincipals[Server.OnPremisesServicePrincipalId].Synchronization.Jobs[Server.OnPremisesJobId].GetAsync();

            Assert.Equal(SynchronizationStatusCode.Paused, paused!.Status!.Code);
            Assert.Equal(SynchronizationStatusCode.Quarantine, quarantined!.Status!.Code);
            Assert.Equal(QuarantineReason.EncounteredQuarantineException, quarantined.Status.Quarantine!.Reason);
            Assert.Equal("HybridIdentityServiceNoActiveAgents", quarantined.Status.Quarantine.Error!.Code);
            Assert.Equal("API2AD", quarantined.TemplateId);
        }
        finally
        {
            await Server.Inspection.ResumeJobAsync(Server.OnPremisesJobId);
        }
    }

    [Fact]
    public async Task Graphs_pause_and_start_need_a_write_permission()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() =>
            Graph.ServicePrincipals[Server.CloudServicePrincipalId].Synchronization.Jobs[Server.CloudJobId].Pause.PostAsync());

        Assert.Equal(403, error.ResponseStatusCode);
        Assert.Equal(Configuration.JobStatusCode.Active, (await Server.Inspection.GetJobsAsync()).Single(job => job.JobId == Server.CloudJobId).Status);
    }

    [Fact]
    public async Task A_job_of_another_service_principal_is_not_found()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() =>
            Graph.ServicePrincipals[Server.OnPremisesServicePrincipalId].Synchronization.Jobs[Server.CloudJobId].GetAsync());

        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("Request_ResourceNotFound", error.Error!.Code);
    }

    [Fact]
    public async Task The_SDK_finds_a_provisioned_user_by_employeeId_and_reads_its_manager()
    {
        string manager = Scim.NewId(), report = Scim.NewId();
        await Client.AcceptedAsync(Scim.Bulk(Scim.Worker(manager), Scim.Worker(report, manager)));
        await Client.LogEntryAsync(report);

        var users = await Graph.Users.GetAsync(request =>
        {
            request.QueryParameters.Filter = $"employeeId eq '{report}'";
            request.QueryParameters.Select = ["id", "displayName", "userPrincipalName", "employeeId", "accountEnabled", "department"];
        });
        var user = Assert.Single(users!.Value!);
        var boss = await Graph.Users[user.Id].Manager.GetAsync();

        Assert.Equal($"w{report}@contoso.com", user.UserPrincipalName);
        Assert.Equal(report, user.EmployeeId);
        Assert.True(user.AccountEnabled);
        Assert.Equal("Sales", user.Department);
        Assert.Equal($"w{manager}@contoso.com", Assert.IsType<User>(boss).UserPrincipalName);
    }

    [Fact]
    public async Task Users_without_select_show_Graphs_default_properties_and_page()
    {
        await Client.AcceptedAsync(Scim.Bulk(Enumerable.Range(0, 5).Select(_ => Scim.Worker(Scim.NewId())).ToArray()));
        await Server.Inspection.WaitUntilProcessedAsync();

        var first = await Graph.Users.GetAsync(request => request.QueryParameters.Top = 2);
        var all = new List<User>();
        await PageIterator<User, UserCollectionResponse>.CreatePageIterator(Graph, first!, user =>
        {
            all.Add(user);
            return true;
        }).IterateAsync();

        Assert.Equal(2, first!.Value!.Count);
        Assert.Null(first.Value[0].EmployeeId);
        Assert.NotNull(first.Value[0].UserPrincipalName);
        Assert.Equal((await Server.Inspection.GetUsersAsync()).Count, all.Count);
    }
}
