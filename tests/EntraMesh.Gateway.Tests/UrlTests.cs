using System.Net;

namespace EntraMesh.Gateway.Tests;

/// <summary>URLs the services could not take are refused at the gateway with a problem document; escapes travel on intact.</summary>
public sealed class UrlTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    static HttpRequestMessage Operator(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", GatewayFactory.OpsKey);
        return request;
    }

    [Fact]
    public async Task A_url_over_8000_characters_is_414_with_problem_details_and_never_forwarded()
    {
        var before = gateway.Reconciliation.Requests.Count;

        using var response = await gateway.Client.SendAsync(Operator("/api/reconciliation/workers?cursor=" + new string('A', 10_000)));

        await Problems.AssertAsync(response, HttpStatusCode.RequestUriTooLong, "the limit is 8000");
        Assert.Equal(before, gateway.Reconciliation.Requests.Count);
    }

    [Fact]
    public async Task A_url_just_under_the_limit_is_forwarded()
    {
        const string prefix = "/api/reconciliation/workers?cursor=";

        using var response = await gateway.Client.SendAsync(Operator(prefix + new string('A', 8000 - prefix.Length)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_worker_id_holding_percent_escapes_reaches_the_backend_as_the_same_id()
    {
        using var response = await gateway.Client.SendAsync(Operator("/api/reconciliation/workers/hr-csv/" + Uri.EscapeDataString("%2e%2e%2fetc%2fpasswd")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/api/reconciliation/workers/hr-csv/%2e%2e%2fetc%2fpasswd", gateway.Reconciliation.Last.Path);
    }
}
