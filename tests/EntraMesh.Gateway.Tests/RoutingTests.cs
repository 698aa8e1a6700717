using System.Diagnostics;
using System.Net;

namespace EntraMesh.Gateway.Tests;

public sealed class RoutingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/api/dispatch/targets")]
    [InlineData("/api/unknown")]
    [InlineData("/token")]
    [InlineData("/tenant/oauth2/v2.0/token")]
    [InlineData("/webhooks")]
    public async Task Unknown_routes_and_dispatch_and_the_emulator_are_404_and_never_forwarded(string path)
    {
        var before = gateway.Ingest.Requests.Count + gateway.Mapping.Requests.Count + gateway.Reconciliation.Requests.Count;
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", GatewayFactory.OpsKey);

        using var response = await gateway.Client.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, gateway.Ingest.Requests.Count + gateway.Mapping.Requests.Count + gateway.Reconciliation.Requests.Count);
    }

    [Fact]
    public async Task A_body_over_the_route_limit_is_413_with_problem_details()
    {
        var body = new ByteArrayContent(new byte[1024 * 1024 + 1]);
        body.Headers.ContentType = new("application/json");

        using var response = await gateway.Client.PostAsync("/webhooks/hr-webhook", body);

        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "1048576");
    }

    [Fact]
    public async Task Trace_context_and_forwarded_headers_travel_to_the_backend()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/bamboohr") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = gateway.Ingest.Last;
        Assert.Contains(traceId.ToString(), forwarded.Headers["traceparent"]);
        Assert.True(forwarded.Headers.ContainsKey("X-Forwarded-Host"));
        Assert.True(forwarded.Headers.ContainsKey("X-Forwarded-Proto"));
        Assert.DoesNotContain("203.0.113.9", forwarded.Headers.GetValueOrDefault("X-Forwarded-For") ?? "");
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("mapping")]
    [InlineData("reconciliation")]
    public async Task Each_backends_OpenAPI_document_is_browsable_through_the_gateway(string service)
    {
        using var response = await gateway.Client.GetAsync($"/openapi/{service}.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{service}:/openapi/v1.json", await response.Content.ReadAsStringAsync());
    }
}
