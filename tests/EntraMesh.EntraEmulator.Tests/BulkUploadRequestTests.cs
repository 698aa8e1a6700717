using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EntraMesh.Scim;
using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>What bulkUpload checks before it accepts a request, and how it answers: Graph errors, never a 500.</summary>
public sealed class BulkUploadRequestTests(UnlimitedEmulator fixture) : IClassFixture<UnlimitedEmulator>, IAsyncLifetime
{
    readonly EntraEmulatorServer server = fixture.Server;
    EmulatorClient client = null!;

    public async ValueTask InitializeAsync() => client = await EmulatorClient.CreateAsync(server);

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_accepted_request_answers_202_with_request_id_client_request_id_and_a_Location_on_the_jobs_logs()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BulkUploadUrl()) { Content = new StringContent(Scim.Bulk(Scim.Worker(Scim.NewId()))) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ScimSchemas.ContentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        request.Headers.Add("client-request-id", "5d2e0d56-0c1b-4a5e-9d1e-0f5b8f6c7a11");

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.True(Guid.TryParse(response.Headers.GetValues("request-id").Single(), out _));
        Assert.Equal("5d2e0d56-0c1b-4a5e-9d1e-0f5b8f6c7a11", response.Headers.GetValues("client-request-id").Single());
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"{server.GraphBaseUrl}/auditLogs/provisioning", location);
        Assert.Contains($"jobid%20eq%20'{server.CloudJobId}'", location);
    }

    [Fact]
    public async Task A_body_that_is_not_SCIM_is_rejected_with_400()
    {
        using var response = await client.PostAsync("""{"name":"John Doe"}""");

        var (code, message) = await GraphErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("BadRequest", code);
        Assert.StartsWith("Invalid Data Format: schemas", message);
    }

    [Fact]
    public async Task Fifty_one_operations_are_rejected_and_fifty_are_accepted()
    {
        var fiftyOne = Enumerable.Range(0, 51).Select(_ => Scim.Worker(Scim.NewId())).ToArray();

        using var tooMany = await client.PostAsync(Scim.Bulk(fiftyOne));
        using var fifty = await client.PostAsync(Scim.Bulk(fiftyOne[..50]));

        var (_, message) = await GraphErrorAsync(tooMany, HttpStatusCode.BadRequest);
        Assert.Contains("Operations holds 51 operations; at most 50", message);
        Assert.Equal(HttpStatusCode.Accepted, fifty.StatusCode);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "", "body is empty" },
        { "{\"schemas\": [", "body is not valid JSON" },
        { "[]", "body must be a JSON object" },
        { Operation(data: User("\"externalId\":\"1\"")) + " trailing", "body is not valid JSON" },
        { "{\"schemas\":\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\",\"Operations\":[]}", "schemas must be an array" },
        { "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]}", "Operations is required" },
        { Valid("Operations", "{}"), "Operations must be an array" },
        { Valid("Operations", "[]"), "Operations must contain at least one operation" },
        { Valid("Operations", "[42]"), "Operations[0] must be an object" },
        { Operation(method: "PATCH"), "Operations[0].method must be POST" },
        { Operation(method: null), "Operations[0].method is required" },
        { Operation(path: "/Groups"), "Operations[0].path must be /Users" },
        { Operation(bulkId: null), "Operations[0].bulkId is required" },
        { Operation(data: null), "Operations[0].data is required" },
        { Operation(data: "\"a user\""), "Operations[0].data must be an object" },
        { Operation(data: "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"externalId\":\"1\"}"), "Operations[0].data.schemas must list" },
        { Operation(data: "{\"externalId\":\"1\"}"), "Operations[0].data.schemas is required" },
        { Operation(data: User("\"userName\":\"a@contoso.com\"")), "Operations[0].data.externalId is required" },
        { Operation(data: User("\"externalId\":701984")), "Operations[0].data.externalId must be a string" },
        { Operation(data: User("\"externalId\":\"\"")), "Operations[0].data.externalId is required" },
        { Operation(data: User("\"externalId\":\"1\",\"active\":\"yes\"")), "Operations[0].data.active must be true or false" },
        { Operation(data: User("\"externalId\":\"1\",\"userName\":[\"a\"]")), "Operations[0].data.userName must be a string" },
        { Operation(data: User("\"externalId\":\"1\",\"name\":\"John Doe\"")), "Operations[0].data.name must be an object" },
        { Operation(data: User("\"externalId\":\"1\",\"emails\":{\"value\":\"a@b.c\"}")), "Operations[0].data.emails must be an array" },
        { Operation(data: User("\"externalId\":\"1\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"manager\":\"42\"}")), "manager must be an object" },
        { Operation(data: User("\"externalId\":\"1\",\"urn:ietf:params:scim:schemas:extension:csv:1.0:User\":{\"HireDate\":\"2020-01-01\"}")), "must list \"urn:ietf:params:scim:schemas:extension:csv:1.0:User\"" },
        { Operation(data: User("\"externalId\":\"1\",\"x\":" + new string('[', 40) + new string(']', 40))), "body is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_request_gets_400_naming_the_field_and_the_reason(string body, string expected)
    {
        using var response = await client.PostAsync(body);

        var (code, message) = await GraphErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("BadRequest", code);
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task A_missing_content_type_gets_400_and_another_media_type_gets_415()
    {
        var body = Scim.Bulk(Scim.Worker(Scim.NewId()));
        using var missing = await SendAsync(body, contentType: null);
        using var json = await SendAsync(body, contentType: "application/json");
        using var text = await SendAsync(body, contentType: "text/plain");
        using var withCharset = await SendAsync(body, contentType: "application/scim+json; charset=utf-8");

        Assert.Contains("Content-Type header is missing", (await GraphErrorAsync(missing, HttpStatusCode.BadRequest)).Message);
        Assert.Contains("application/scim+json", (await GraphErrorAsync(json, HttpStatusCode.UnsupportedMediaType)).Message);
        await GraphErrorAsync(text, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(HttpStatusCode.Accepted, withCharset.StatusCode);
    }

    [Fact]
    public async Task Attribute_names_are_accepted_in_any_casing()
    {
        var id = Scim.NewId();
        var body = """
            {"SCHEMAS":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
             "operations":[{"Method":"post","BULKID":"1","Path":"/users","Data":{
               "Schemas":["URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER","urn:ietf:params:scim:schemas:extension:enterprise:2.0:user"],
               "ExternalID":"@ID","USERNAME":"case@ID@contoso.com","displayname":"Any Casing","Active":true,
               "NAME":{"GIVENNAME":"Any","familyname":"Casing"},
               "urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:User":{"Department":"Casing"}}}]}
            """.Replace("@ID", id, StringComparison.Ordinal);

        using var response = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var entry = await client.LogEntryAsync(id);
        Assert.Equal("success", entry.Status());
        var user = await server.Inspection.FindUserAsync(id);
        Assert.Equal($"case{id}@contoso.com", user!.UserPrincipalName);
        Assert.Equal("Casing", user.Properties["surname"]);
        Assert.Equal("Casing", user.Properties["department"]);
    }

    [Fact]
    public async Task An_unknown_job_or_a_job_of_another_service_principal_gets_404()
    {
        var body = Scim.Bulk(Scim.Worker(Scim.NewId()));
        using var unknownJob = await EntraEmulatorServer.PostBulkAsync(client.Http, server.BulkUploadUrl(jobId: "API2AAD.00000000000000000000000000000000.00000000-0000-0000-0000-000000000000"), client.Token, body);
        using var wrongPrincipal = await EntraEmulatorServer.PostBulkAsync(client.Http, server.BulkUploadUrl(server.OnPremisesServicePrincipalId, server.CloudJobId), client.Token, body);

        Assert.Equal("Request_ResourceNotFound", (await GraphErrorAsync(unknownJob, HttpStatusCode.NotFound)).Code);
        Assert.Equal("Request_ResourceNotFound", (await GraphErrorAsync(wrongPrincipal, HttpStatusCode.NotFound)).Code);
    }

    [Fact]
    public async Task Another_method_on_bulkUpload_gets_405_and_an_unknown_segment_gets_400()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, server.BulkUploadUrl());
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        using var getResponse = await client.Http.SendAsync(get);
        using var unknown = await client.Http.GetAsync($"{server.GraphBaseUrl}/groups");

        await GraphErrorAsync(getResponse, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("groups", (await GraphErrorAsync(unknown, HttpStatusCode.BadRequest)).Message);
    }

    [Fact]
    public async Task The_beta_path_works_like_v1()
    {
        using var response = await EntraEmulatorServer.PostBulkAsync(client.Http, server.BulkUploadUrl().Replace("/v1.0/", "/beta/"), client.Token,
            Scim.Bulk(Scim.Worker(Scim.NewId())));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("/beta/auditLogs/provisioning", response.Headers.Location!.ToString());
    }

    Task<HttpResponseMessage> SendAsync(string body, string? contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, server.BulkUploadUrl()) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        return client.Http.SendAsync(request);
    }

    internal static async Task<(string Code, string Message)> GraphErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.True(Guid.TryParse(error.GetProperty("innerError").GetProperty("request-id").GetString(), out _));
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    static string Valid(string name, string value) => $"{{\"schemas\":[\"{ScimSchemas.BulkRequest}\"],\"{name}\":{value}}}";

    static string Operation(string? method = "POST", string? path = "/Users", string? bulkId = "1", string? data = null)
    {
        var fields = new List<string>();
        if (method is not null) fields.Add($"\"method\":\"{method}\"");
        if (path is not null) fields.Add($"\"path\":\"{path}\"");
        if (bulkId is not null) fields.Add($"\"bulkId\":\"{bulkId}\"");
        if (data is not null) fields.Add($"\"data\":{data}");
        return Valid("Operations", $"[{{{string.Join(',', fields)}}}]");
    }

    static string User(string attributes) => $"{{\"schemas\":[\"{ScimSchemas.CoreUser}\",\"{ScimSchemas.EnterpriseUser}\"],{attributes}}}";
}
