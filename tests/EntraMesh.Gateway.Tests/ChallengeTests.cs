using System.Net;
using System.Net.Http.Headers;

namespace EntraMesh.Gateway.Tests;

/// <summary>
/// A refused operator gets a problem document that says why (no credentials, an unknown key, an expired token, a token
/// for another audience or authority, a forged signature, the missing role) without echoing the credential, and a
/// bearer challenge that names the token error (RFC 6750).
/// </summary>
public sealed class ChallengeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    const string Summary = "/api/reconciliation/summary";

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "none", "no credentials", "Bearer" },
        { "unknown key", "API key is not valid", "Bearer" },
        { "expired", "has expired", "error=\"invalid_token\"" },
        { "other audience", "another audience", "error=\"invalid_token\"" },
        { "other issuer", "another authority", "error=\"invalid_token\"" },
        { "forged", "signature does not verify", "error=\"invalid_token\"" },
        { "garbage", "not a well-formed JWT", "error=\"invalid_token\"" },
    };

    static string? Token(string kind) => kind switch
    {
        "expired" => TestTokens.Create(["reconciliation.read"], expires: DateTime.UtcNow.AddMinutes(-10)),
        "other audience" => TestTokens.Create(["reconciliation.read"], audience: "api://someone-else"),
        "other issuer" => TestTokens.Create(["reconciliation.read"], issuer: "https://login.test.invalid/other-tenant/v2.0"),
        "forged" => TestTokens.Create(["reconciliation.read"], wrongKey: true),
        "garbage" => "not.a.jwt",
        _ => null,
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_caller_is_told_why_without_the_credential_being_echoed(string kind, string detail, string challenge)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Summary);
        var token = Token(kind);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (kind == "unknown key") request.Headers.Add("X-Api-Key", "not-the-key-42");

        using var response = await gateway.Client.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, detail);
        Assert.Contains(challenge, response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("not-the-key-42", body, StringComparison.Ordinal);
        if (token is not null) Assert.DoesNotContain(token, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_without_the_role_is_told_which_role_the_route_requires()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports");
        request.Headers.Add("X-Api-Key", GatewayFactory.ReaderKey);

        using var response = await gateway.Client.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "'imports.write'");
    }
}
