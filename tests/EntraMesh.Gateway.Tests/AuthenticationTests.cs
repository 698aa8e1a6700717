using System.Net;
using System.Net.Http.Headers;

namespace EntraMesh.Gateway.Tests;

/// <summary>Operator routes need credentials and the right role; webhooks pass through to ingest's signature check.</summary>
public sealed class AuthenticationTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    static HttpRequestMessage Request(HttpMethod method, string path, string? apiKey = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    [Theory]
    [InlineData("GET", "/api/imports/3f1c1c6e-0000-0000-0000-000000000000")]
    [InlineData("POST", "/api/imports")]
    [InlineData("GET", "/api/reconciliation/workers/1513")]
    [InlineData("POST", "/api/reconciliation/workers/1513/replay")]
    [InlineData("POST", "/api/rules/preview")]
    public async Task Operator_routes_without_credentials_are_401_and_not_forwarded(string method, string path)
    {
        var before = gateway.Ingest.Requests.Count + gateway.Mapping.Requests.Count + gateway.Reconciliation.Requests.Count;

        using var response = await gateway.Client.SendAsync(Request(new HttpMethod(method), path));

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(before, gateway.Ingest.Requests.Count + gateway.Mapping.Requests.Count + gateway.Reconciliation.Requests.Count);
    }

    [Fact]
    public async Task An_unknown_api_key_or_a_token_signed_by_another_key_or_expired_is_401()
    {
        using var unknownKey = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/reconciliation/summary", apiKey: "nope"));
        using var forged = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/reconciliation/summary", bearer: TestTokens.Create(["reconciliation.read"], wrongKey: true)));
        using var expired = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/reconciliation/summary", bearer: TestTokens.Create(["reconciliation.read"], expires: DateTime.UtcNow.AddMinutes(-10))));
        using var otherAudience = await gateway.Client.SendAsync(Request(HttpMethod.Get, "/api/reconciliation/summary", bearer: TestTokens.Create(["reconciliation.read"], audience: "api://someone-else")));

        await Problems.AssertAsync(unknownKey, HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(forged, HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(expired, HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(otherAudience, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_wrong_role_is_403_for_api_keys_and_tokens()
    {
        using var readerImports = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/imports", apiKey: GatewayFactory.ReaderKey));
        using var readerReplay = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/reconciliation/workers/1513/replay", apiKey: GatewayFactory.ReaderKey));
        using var tokenRules = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/rules/preview", bearer: TestTokens.Create(["imports.write"])));

        await Problems.AssertAsync(readerImports, HttpStatusCode.Forbidden);
        await Problems.AssertAsync(readerReplay, HttpStatusCode.Forbidden);
        await Problems.AssertAsync(tokenRules, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_valid_api_key_is_forwarded_with_the_principal_header_replacing_a_spoofed_one()
    {
        var request = Request(HttpMethod.Get, "/api/reconciliation/workers/1513?limit=5", apiKey: GatewayFactory.ReaderKey);
        request.Headers.Add("X-EntraMesh-Principal", "user:someone-else");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = gateway.Reconciliation.Last;
        Assert.Equal("/api/reconciliation/workers/1513?limit=5", forwarded.Path);
        Assert.Equal("apikey:reader", forwarded.Headers["X-EntraMesh-Principal"]);
        Assert.False(forwarded.Headers.ContainsKey("X-Api-Key") && forwarded.Headers["X-Api-Key"] == "ignored");
    }

    [Fact]
    public async Task A_token_with_the_role_is_forwarded_with_the_client_as_principal()
    {
        using var imports = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/imports?source=hr-csv", bearer: TestTokens.Create(["imports.write"], clientId: "hr-uploader")));
        Assert.Equal(HttpStatusCode.OK, imports.StatusCode);
        Assert.Equal("/api/imports?source=hr-csv", gateway.Ingest.Last.Path);
        Assert.Equal("app:hr-uploader", gateway.Ingest.Last.Headers["X-EntraMesh-Principal"]);

        using var rules = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/rules/validate", bearer: TestTokens.Create(["Rules.Read"])));
        Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
        Assert.Equal("/api/rules/validate", gateway.Mapping.Last.Path);

        using var replay = await gateway.Client.SendAsync(Request(HttpMethod.Post, "/api/reconciliation/workers/1/replay", bearer: TestTokens.Create(["reconciliation.replay"])));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
    }

    [Fact]
    public async Task Webhooks_are_forwarded_without_credentials_and_without_any_principal_header()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/hr-webhook") { Content = new StringContent("{\"records\":[]}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-EntraMesh-Principal", "apikey:ops");
        request.Headers.Add("X-EntraMesh-Signature", "t=1,v1=ab");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = gateway.Ingest.Last;
        Assert.Equal("/webhooks/hr-webhook", forwarded.Path);
        Assert.False(forwarded.Headers.ContainsKey("X-EntraMesh-Principal"));
        Assert.Equal("t=1,v1=ab", forwarded.Headers["X-EntraMesh-Signature"]);
    }
}
