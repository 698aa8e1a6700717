using System.Net;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary><c>GET /auditLogs/provisioning</c> read with the Microsoft Graph .NET SDK: documented filters, ordering and paging.</summary>
public sealed class ProvisioningLogTests(UnlimitedEmulator fixture) : GraphSdkTests(fixture), IClassFixture<UnlimitedEmulator>
{
    [Fact]
    public async Task The_SDK_finds_a_workers_entry_by_job_and_source_identity()
    {
        var id = Scim.NewId();
        var before = DateTimeOffset.UtcNow;
        await Client.AcceptedAsync(Scim.Bulk(Scim.Worker(id)));
        await Client.LogEntryAsync(id);

        var page = await Graph.AuditLogs.Provisioning.GetAsync(request =>
            request.QueryParameters.Filter = $"jobId eq '{Server.CloudJobId}' and sourceIdentity/id eq '{id}' and activityDateTime ge {before.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

        var entry = Assert.Single(page!.Value!);
        var byChange = await Graph.AuditLogs.Provisioning.GetAsync(request => request.QueryParameters.Filter = $"changeId eq '{entry.ChangeId}'");
        Assert.Equal(entry.Id, Assert.Single(byChange!.Value!).Id);
        Assert.Equal(Server.CloudJobId, entry.JobId);
        Assert.Equal(id, entry.SourceIdentity!.Id);
        Assert.Equal(ProvisioningResult.Success, entry.ProvisioningStatusInfo!.Status);
        Assert.Equal(ProvisioningAction.Create, entry.ProvisioningAction);
        Assert.Contains(entry.ProvisioningSteps!, step => step.ProvisioningStepType == ProvisioningStepType.Export);
        Assert.Contains(entry.ModifiedProperties!, property => property.DisplayName == "userPrincipalName" && property.NewValue == $"w{id}@contoso.com");
        Assert.Equal(Server.CloudServicePrincipalId, entry.ServicePrincipal!.Id);
        Assert.Equal(InitiatorType.System, entry.InitiatedBy!.InitiatorType);
        Assert.True(entry.ActivityDateTime >= before);
    }

    [Fact]
    public async Task The_SDK_pages_through_a_cycle_with_top_and_nextLink()
    {
        var ids = Enumerable.Range(0, 7).Select(_ => Scim.NewId()).ToArray();
        await Client.AcceptedAsync(Scim.Bulk(ids.Select(id => Scim.Worker(id)).ToArray()));
        var cycleId = (await Client.LogEntryAsync(ids[0])).GetProperty("cycleId").GetString();

        var first = await Graph.AuditLogs.Provisioning.GetAsync(request =>
        {
            request.QueryParameters.Filter = $"jobId eq '{Server.CloudJobId}' and cycleId eq '{cycleId}'";
            request.QueryParameters.Top = 3;
        });
        var seen = new List<ProvisioningObjectSummary>();
        var pages = 0;
        var iterator = PageIterator<ProvisioningObjectSummary, ProvisioningObjectSummaryCollectionResponse>.CreatePageIterator(Graph, first!, entry =>
        {
            seen.Add(entry);
            return true;
        }, request =>
        {
            pages++;
            return request;
        });
        await iterator.IterateAsync();

        Assert.Equal(3, first!.Value!.Count);
        Assert.NotNull(first.OdataNextLink);
        Assert.Equal(2, pages);
        Assert.Equal(ids.Order(), seen.Select(entry => entry.SourceIdentity!.Id!).Order());
        Assert.Equal(7, seen.Select(entry => entry.Id).Distinct().Count());
    }

    [Fact]
    public async Task Failures_of_a_job_since_a_time_are_found_with_statusInfo_and_provisioningStatusInfo()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        string good = Scim.NewId(), bad = Scim.NewId();
        var unknown = Scim.Worker(bad);
        unknown["favouriteColour"] = "blue";
        await Client.AcceptedAsync(Scim.Bulk(Scim.Worker(good), unknown));
        await Client.LogEntryAsync(bad);

        var since = $"activityDateTime ge {before.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}";
        var beta = await Ids($"jobId eq '{Server.CloudJobId}' and statusInfo/status eq 'failure' and {since}");
        var v1 = await Ids($"jobId eq '{Server.CloudJobId}' and provisioningStatusInfo/status eq 'failure' and {since}");
        var notFailed = await Ids($"jobId eq '{Server.CloudJobId}' and provisioningStatusInfo/status ne 'failure' and {since}");

        Assert.Contains(bad, beta);
        Assert.Equal(beta, v1);
        Assert.DoesNotContain(good, beta);
        Assert.Contains(good, notFailed);
        Assert.DoesNotContain(bad, notFailed);
    }

    [Fact]
    public async Task Filters_combine_comparisons_or_not_and_functions_and_values_are_case_sensitive()
    {
        string first = Scim.NewId(), second = Scim.NewId();
        await Client.AcceptedAsync(Scim.Bulk(Scim.Worker(first), Scim.Worker(second)));
        var entry = await Client.LogEntryAsync(second);
        await Client.LogEntryAsync(first);
        var at = entry.GetProperty("activityDateTime").GetString();

        string[] both = [.. new[] { first, second }.Order()];
        Assert.Equal(both, (await Ids($"sourceIdentity/id eq '{first}' or sourceIdentity/id eq '{second}'")).Order());
        Assert.Equal([second], await Ids($"(sourceIdentity/id eq '{first}' or sourceIdentity/id eq '{second}') and not (sourceIdentity/id eq '{first}')"));
        Assert.Equal(both, (await Ids($"startswith(sourceIdentity/displayName, 'Worker') and activityDateTime eq {at} and provisioningAction eq 'create'")).Order());
        Assert.Equal([second], await Ids($"contains(sourceIdentity/id, '{second[2..]}') and activityDateTime le {at} and activityDateTime gt 2020-01-01T00:00:00Z"));
        Assert.Empty(await Ids($"sourceIdentity/id eq '{first}' and activityDateTime lt {at}"));
        Assert.Empty(await Ids($"sourceIdentity/id eq '{first}' and provisioningAction eq 'CREATE'"));
        Assert.Equal([first], await Ids($"SOURCEIDENTITY/ID eq '{first}' AND jobid eq '{Server.CloudJobId}'"));
    }

    [Fact]
    public async Task Entries_come_newest_first_unless_ordered_ascending()
    {
        string older = Scim.NewId(), newer = Scim.NewId();
        await Client.AcceptedAsync(Scim.Bulk(Scim.Worker(older)));
        await Client.LogEntryAsync(older);
        await Client.AcceptedAsync(Scim.Bulk(Scim.Worker(newer)));
        await Client.LogEntryAsync(newer);
        var filter = $"sourceIdentity/id eq '{older}' or sourceIdentity/id eq '{newer}'";

        var descending = await Graph.AuditLogs.Provisioning.GetAsync(request => request.QueryParameters.Filter = filter);
        var ascending = await Graph.AuditLogs.Provisioning.GetAsync(request =>
        {
            request.QueryParameters.Filter = filter;
            request.QueryParameters.Orderby = ["activityDateTime asc"];
        });

        Assert.Equal([newer, older], descending!.Value!.Select(entry => entry.SourceIdentity!.Id));
        Assert.Equal([older, newer], ascending!.Value!.Select(entry => entry.SourceIdentity!.Id));
    }

    [Theory]
    [InlineData("jobId eq", "Invalid filter clause")]
    [InlineData("jobId eq 'x' and", "Invalid filter clause")]
    [InlineData("jobId eq x", "is not a value")]
    [InlineData("shoeSize eq '44'", "'shoeSize' is not a filterable property")]
    [InlineData("jobId like 'x'", "'like' is not a supported operator")]
    [InlineData("activityDateTime ge 'yesterday'", "is a date-time")]
    [InlineData("jobId eq 'unclosed", "not closed")]
    public async Task A_filter_Graph_would_refuse_gets_400(string filter, string expected)
    {
        var error = await Assert.ThrowsAsync<ODataError>(() => Graph.AuditLogs.Provisioning.GetAsync(request => request.QueryParameters.Filter = filter));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Contains(expected, error.Error!.Message);
    }

    [Theory]
    [InlineData("$skip=5")]
    [InlineData("$top=0")]
    [InlineData("$top=100000")]
    [InlineData("$orderby=jobId")]
    [InlineData("$skiptoken=garbage!")]
    public async Task Unsupported_query_options_get_400(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Server.GraphBaseUrl}/auditLogs/provisioning?{query}");
        request.Headers.Authorization = new("Bearer", Client.Token);
        using var response = await Client.Http.SendAsync(request);

        await BulkUploadRequestTests.GraphErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reading_logs_needs_the_log_permission()
    {
        var uploadOnly = Guid.NewGuid().ToString();
        await using var other = await EntraEmulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["Emulator:Tenants:0:Applications:1:ClientId"] = uploadOnly,
            ["Emulator:Tenants:0:Applications:1:ClientSecret"] = "Upl8Q~upload-only-secret",
            ["Emulator:Tenants:0:Applications:1:Roles:0"] = "SynchronizationData-User.Upload",
        });
        using var sdk = GraphSdk.Create(other, await other.AcquireTokenAsync(uploadOnly, "Upl8Q~upload-only-secret"));

        var error = await Assert.ThrowsAsync<ODataError>(() => sdk.AuditLogs.Provisioning.GetAsync());

        Assert.Equal(403, error.ResponseStatusCode);
        Assert.Contains("ProvisioningLog.Read.All", error.Error!.Message);
    }

    [Fact]
    public async Task Entries_stay_invisible_for_the_log_delay()
    {
        await using var delayed = await EntraEmulatorServer.StartAsync();
        await delayed.Inspection.SetDelaysAsync(new ProcessingDelays(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)));
        using var delayedClient = await EmulatorClient.CreateAsync(delayed);
        var id = Scim.NewId();
        var started = DateTimeOffset.UtcNow;

        await delayedClient.AcceptedAsync(Scim.Bulk(Scim.Worker(id)));
        await delayed.Inspection.WaitUntilProcessedAsync();

        Assert.NotNull(await delayed.Inspection.FindUserAsync(id));
        Assert.Empty(await delayedClient.LogsAsync($"sourceIdentity/id eq '{id}'"));
        await delayedClient.LogEntryAsync(id);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(2));
    }

    async Task<List<string>> Ids(string filter)
    {
        var page = await Graph.AuditLogs.Provisioning.GetAsync(request =>
        {
            request.QueryParameters.Filter = filter;
            request.QueryParameters.Top = 500;
        });
        return page!.Value!.Select(entry => entry.SourceIdentity!.Id!).ToList();
    }
}
