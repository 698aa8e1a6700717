using System.Net;
using System.Text;

namespace EntraMesh.Gateway.Tests;

public sealed class TightLimitsFixture : GatewayFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Gateway:RateLimits:Webhooks:PermitLimit"] = "3",
        ["Gateway:RateLimits:Webhooks:Window"] = "00:01:00",
        ["Gateway:RateLimits:Operators:PermitLimit"] = "2",
        ["Gateway:RateLimits:Operators:Window"] = "00:01:00",
    };
}

/// <summary>Rate limits per webhook source and per operator client answer 429 with problem details and Retry-After.</summary>
public sealed class RateLimitTests(TightLimitsFixture gateway) : IClassFixture<TightLimitsFixture>
{
    Task<HttpResponseMessage> Webhook(string source) =>
        gateway.Client.PostAsync($"/webhooks/{source}", new StringContent("{}", Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Webhooks_are_limited_per_source()
    {
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await Webhook("busy-source")).StatusCode);

        using var limited = await Webhook("busy-source");
        using var otherSource = await Webhook("quiet-source");

        await Problems.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate limit");
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, otherSource.StatusCode);
    }

    [Fact]
    public async Task Operator_calls_are_limited_per_client()
    {
        HttpRequestMessage Call(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/reconciliation/summary");
            request.Headers.Add("X-Api-Key", key);
            return request;
        }

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await gateway.Client.SendAsync(Call(GatewayFactory.ReaderKey))).StatusCode);

        using var limited = await gateway.Client.SendAsync(Call(GatewayFactory.ReaderKey));
        using var otherClient = await gateway.Client.SendAsync(Call(GatewayFactory.OpsKey));

        await Problems.AssertAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }
}
