using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Api.Listing;
using EntraMesh.Reconciliation.Api.Summary;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EntraMesh.Reconciliation.Tests;

/// <summary>The ops API's contract: errors as problem details naming the parameter, CSV exports, the summary, the OpenAPI document.</summary>
public sealed class ApiTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    ReconciliationHost Host => fixture.Host;

    [Theory]
    [InlineData("/api/reconciliation/workers?state=Lost", "state")]
    [InlineData("/api/reconciliation/workers?state=Failed,3", "state")]
    [InlineData("/api/reconciliation/workers?changeKind=Promotion", "changeKind")]
    [InlineData("/api/reconciliation/workers?since=yesterday", "since")]
    [InlineData("/api/reconciliation/workers?sort=name", "sort")]
    [InlineData("/api/reconciliation/workers?limit=0", "limit")]
    [InlineData("/api/reconciliation/workers?limit=100000", "limit")]
    [InlineData("/api/reconciliation/workers?limit=ten", "limit")]
    [InlineData("/api/reconciliation/workers?limit=1&limit=2", "limit")]
    [InlineData("/api/reconciliation/workers?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/reconciliation/workers?format=xml", "format")]
    [InlineData("/api/reconciliation/workers?stat=Failed", "stat")]
    [InlineData("/api/reconciliation/stuck?state=Failed", "state")]
    [InlineData("/api/reconciliation/failures?state=Succeeded", "state")]
    [InlineData("/api/reconciliation/summary?window=forever", "window")]
    [InlineData("/api/reconciliation/summary?window=P365D", "window")]
    [InlineData("/api/reconciliation/workers/workday/1513?format=pdf", "format")]
    [InlineData("/api/reconciliation/workers?sourceId=work%00day", "sourceId")]
    public async Task Bad_filter_is_a_400_problem_naming_the_parameter(string url, string parameter)
    {
        using var response = await Host.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(400, problem!.Status);
        Assert.Contains(parameter, problem.Errors.Keys);
    }

    [Fact]
    public async Task Cursor_of_another_sort_is_refused()
    {
        await PublishAllAsync(new Journey("api", "cursor-a").Accepted(), new Journey("api", "cursor-b").Accepted());
        await Host.WaitForWorkerAsync("api", "cursor-b", _ => true);
        var page = await Host.Client.GetFromJsonAsync<ListPage>("/api/reconciliation/workers?sourceId=api&limit=1", ReconciliationHost.Json);

        using var response = await Host.Client.GetAsync($"/api/reconciliation/workers?sourceId=api&limit=1&sort=-updatedAt&cursor={page!.NextCursor}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cursor", (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task Unknown_worker_is_a_404_problem()
    {
        using var response = await Host.Client.GetAsync(ReconciliationHost.WorkerPath("workday", "nobody-9999"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Unknown worker", problem!.Title);
        Assert.Contains("nobody-9999", problem.Detail);
    }

    [Fact]
    public async Task Lists_filter_by_state_target_change_kind_and_since_and_sort_both_ways()
    {
        var leaver = new Journey("filters", "f-leaver", target: "onprem");
        var joiner = new Journey("filters", "f-joiner", target: "cloud");
        var queued = new Journey("filters", "f-queued", target: "cloud");
        await PublishAllAsync(
            leaver.Accepted(true), leaver.Planned(ChangeKind.Leaver), leaver.Queued(ChangeKind.Leaver), leaver.Submitted(ChangeKind.Leaver), leaver.Outcome(OutcomeStatus.Success),
            joiner.Accepted(), joiner.Planned(), joiner.Queued(), joiner.Submitted(), joiner.Outcome(OutcomeStatus.Failure, "InvalidValue", "bad"),
            queued.Accepted(), queued.Planned(), queued.Queued());
        await Host.WaitForWorkerAsync("filters", "f-leaver", w => w.Timeline.Count == 5);
        await Host.WaitForWorkerAsync("filters", "f-joiner", w => w.Timeline.Count == 5);
        await Host.WaitForWorkerAsync("filters", "f-queued", w => w.Timeline.Count == 3);

        Assert.Equal(["f-joiner", "f-queued"], await WorkerIdsAsync("/api/reconciliation/workers?sourceId=filters&target=cloud"));
        Assert.Equal(["f-queued"], await WorkerIdsAsync("/api/reconciliation/workers?sourceId=filters&state=queued"));
        Assert.Equal(["f-joiner", "f-queued"], await WorkerIdsAsync("/api/reconciliation/workers?sourceId=filters&state=Failed,Queued"));
        Assert.Equal(["f-leaver"], await WorkerIdsAsync("/api/reconciliation/workers?sourceId=filters&changeKind=Leaver"));
        Assert.Equal(["f-queued", "f-leaver", "f-joiner"], await WorkerIdsAsync("/api/reconciliation/workers?sourceId=filters&sort=-workerId"));
        Assert.Equal(["f-joiner"], await WorkerIdsAsync("/api/reconciliation/failures?sourceId=filters"));
        Assert.Empty(await WorkerIdsAsync($"/api/reconciliation/workers?sourceId=filters&since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}"));

        var byUpdate = await WorkerIdsAsync("/api/reconciliation/workers?sourceId=filters&sort=updatedAt&limit=1", pages: true);
        Assert.Equal(3, byUpdate.Count);
        Assert.Equal(3, byUpdate.Distinct().Count());
    }

    [Fact]
    public async Task Csv_export_neutralises_cells_a_spreadsheet_would_run_as_formulas()
    {
        var journey = new Journey("csv", "=HYPERLINK(\"http://evil\",\"click\")", target: "cloud");
        await PublishAllAsync(journey.Accepted(), journey.Planned(), journey.Queued(), journey.Submitted(),
            journey.Outcome(OutcomeStatus.Failure, "@SUM(A1)", "+cmd|' /C calc'!A0, -2+3"));
        await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Failed && w.Timeline.Count == 5);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reconciliation/failures?sourceId=csv");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await Host.Client.SendAsync(request);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sourceId,workerId,target,revision,state", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("csv,\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",cloud,1,Failed,Joiner,", lines[1]);
        Assert.Contains(",'@SUM(A1),\"'+cmd|' /C calc'!A0, -2+3\",", lines[1]);

        var sameByQuery = await Host.Client.GetStringAsync("/api/reconciliation/failures?sourceId=csv&format=csv");
        Assert.Equal(csv, sameByQuery);
        var timeline = await Host.Client.GetStringAsync(ReconciliationHost.WorkerPath(journey.SourceId, journey.WorkerId) + "?format=csv");
        Assert.Equal(6, timeline.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Summary_counts_by_state_and_target_and_reports_oldest_pending_latency_and_failures()
    {
        await using var infrastructure = await EntraMesh.Testing.IsolatedInfrastructure.CreateAsync();
        await using var host = await ReconciliationHost.StartAsync(infrastructure);
        var start = Journey.Truncate(DateTimeOffset.UtcNow.AddMinutes(-50));
        var fast = new Journey("sum", "fast", target: "cloud", start: start);
        var slow = new Journey("sum", "slow", target: "cloud", start: start.AddMinutes(-20));
        var failed = new Journey("sum", "failed", target: "onprem", start: start);
        var pending = new Journey("sum", "pending", target: "onprem", start: start.AddMinutes(-30));
        object[] messages =
        [
            fast.Accepted(), fast.Planned(), fast.Queued(), fast.Submitted(), fast.Outcome(OutcomeStatus.Success, at: start.AddMinutes(6)),
            slow.Accepted(), slow.Planned(), slow.Queued(), slow.Submitted(), slow.Outcome(OutcomeStatus.Warning, at: start.AddMinutes(10)),
            failed.Accepted(), failed.Planned(), failed.Queued(), failed.Submitted(), failed.Outcome(OutcomeStatus.Failure, "InvalidValue", "bad"),
            pending.Accepted(), pending.Planned(), pending.Queued(),
        ];
        foreach (var message in messages) await host.Bus.Publish(message, message.GetType());
        await ReadModelAssertions.AssertDrainedWithoutErrorsAsync(infrastructure);
        await host.WaitForWorkerAsync("sum", "pending", w => w.State == WorkerState.Queued && w.Timeline.Count == 3);

        // Each event type has its own queue: the other workers' last events may still be in a batch being projected.
        var summary = await EntraMesh.Testing.Eventually.WaitForAsync(
            async () => (await host.Client.GetFromJsonAsync<Summary>("/api/reconciliation/summary?window=PT2H", ReconciliationHost.Json))!,
            s => s.Workers.Total == 4 && s.Workers.ByState.GetValueOrDefault(WorkerState.Succeeded) == 2
                 && s.Workers.ByState.GetValueOrDefault(WorkerState.Failed) == 1 && s.Latency.Overall.Samples == 2,
            TimeSpan.FromSeconds(20), "every journey to be projected");

        Assert.Equal(4, summary.Workers.Total);
        Assert.Equal(2, summary.Workers.ByState[WorkerState.Succeeded]);
        Assert.Equal(1, summary.Workers.ByState[WorkerState.Failed]);
        Assert.Equal(1, summary.Workers.ByState[WorkerState.Queued]);
        var cloud = summary.Targets.Single(t => t.Target == "cloud");
        Assert.Equal(2, cloud.Counts.ByState[WorkerState.Succeeded]);
        var onPremises = summary.Targets.Single(t => t.Target == "onprem");
        Assert.Equal(1, onPremises.Counts.ByState[WorkerState.Failed]);
        Assert.Equal(1, onPremises.Counts.ByState[WorkerState.Queued]);

        Assert.Equal("pending", summary.OldestPending!.WorkerId);
        Assert.Equal(pending.AcceptedAt, summary.OldestPending.Since);

        // Latencies 6 min and 30 min: p50 is the lower one, p95 the higher one (within the histogram's 2.5 %).
        Assert.Equal(2, summary.Latency.Overall.Samples);
        Assert.InRange(summary.Latency.Overall.P50Seconds!.Value, 360 * 0.975, 360 * 1.025);
        Assert.InRange(summary.Latency.Overall.P95Seconds!.Value, 1800 * 0.975, 1800 * 1.025);
        Assert.Equal(2, cloud.Latency!.Samples);

        var failure = Assert.Single(summary.FailuresByErrorCode);
        Assert.Equal(("onprem", WorkerState.Failed, "InvalidValue", 1L), (failure.Target, failure.State, failure.ErrorCode, failure.Count));

        var narrow = (await host.Client.GetFromJsonAsync<Summary>("/api/reconciliation/summary?window=PT1M", ReconciliationHost.Json))!;
        Assert.Equal(0, narrow.Latency.Overall.Samples);
        Assert.Null(narrow.Latency.Overall.P50Seconds);
    }

    [Fact]
    public async Task OpenAPI_document_describes_every_route_and_the_reference_page_is_served()
    {
        using var document = JsonDocument.Parse(await Host.Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        string[] routes =
        [
            "/api/reconciliation/workers/{sourceId}/{workerId}", "/api/reconciliation/workers", "/api/reconciliation/stuck",
            "/api/reconciliation/failures", "/api/reconciliation/summary", "/api/reconciliation/workers/{sourceId}/{workerId}/replay",
            "/api/reconciliation/workers/replay",
        ];
        foreach (var route in routes)
        {
            Assert.True(paths.TryGetProperty(route, out var path), route);
            foreach (var operation in path.EnumerateObject())
            {
                Assert.True(operation.Value.TryGetProperty("summary", out _), $"{operation.Name} {route} has a summary");
                Assert.True(operation.Value.TryGetProperty("operationId", out _), $"{operation.Name} {route} has an operationId");
            }
        }

        var listParameters = paths.GetProperty("/api/reconciliation/workers").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(ListQueryParser.Parameters.Order(), listParameters.Order());
        Assert.Equal(HttpStatusCode.OK, (await Host.Client.GetAsync("/scalar/v1")).StatusCode);
    }

    async Task<List<string>> WorkerIdsAsync(string url, bool pages = false)
    {
        var ids = new List<string>();
        var next = url;
        while (next is not null)
        {
            var page = (await Host.Client.GetFromJsonAsync<ListPage>(next, ReconciliationHost.Json))!;
            ids.AddRange(page.Items.Select(item => item.WorkerId));
            next = pages && page.NextCursor is not null ? $"{url}&cursor={page.NextCursor}" : null;
        }

        return ids;
    }

    async Task PublishAllAsync(params object[] messages)
    {
        foreach (var message in messages) await Host.Bus.Publish(message, message.GetType());
    }
}
