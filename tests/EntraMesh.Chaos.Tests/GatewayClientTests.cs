using System.Net;
using System.Net.Http.Headers;
using EntraMesh.Launcher.Client;

namespace EntraMesh.Chaos.Tests;

/// <summary>The operator client the chaos run (and the run command) uses waits out the gateway's rate limit.</summary>
public sealed class GatewayClientTests
{
    [Fact]
    public async Task A_429_is_waited_out_as_Retry_After_says_and_the_request_sent_again()
    {
        var handler = new Answers(HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        using var client = new GatewayClient(new HttpClient(handler) { BaseAddress = new Uri("http://gateway.test") }, "key", "secret");

        var summary = await client.GetSummaryAsync(TestContext.Current.CancellationToken);

        Assert.Equal("yes", (string?)summary!["answered"]);
        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task A_rate_limit_that_does_not_end_is_reported_with_its_status()
    {
        var handler = new Answers(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 100).ToArray());
        using var client = new GatewayClient(new HttpClient(handler) { BaseAddress = new Uri("http://gateway.test") }, "key", "secret");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetSummaryAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(GatewayClient.RateLimitRetries + 1, handler.Requests);
    }

    sealed class Answers(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("key", request.Headers.GetValues("X-Api-Key").Single());
            var status = statuses[Requests++];
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent(status == HttpStatusCode.OK ? """{"answered":"yes"}""" : """{"title":"Too many requests."}"""),
            };
            if (status == HttpStatusCode.TooManyRequests) response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
            return Task.FromResult(response);
        }
    }
}
