using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>Damaged requests of every kind get a 4xx (or are accepted), never a 500.</summary>
public sealed class RobustnessTests(UnlimitedEmulator fixture) : IClassFixture<UnlimitedEmulator>, IAsyncLifetime
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
    public async Task Truncated_and_corrupted_bulk_requests_never_get_a_500()
    {
        var random = new Random(20240501);
        var user = Scim.Worker(Scim.NewId(), manager: "42")
            .With("urn:ietf:params:scim:schemas:extension:csv:1.0:User", new JsonObject { ["HireDate"] = "2020-01-01T00:00:00Z" });
        user["emails"] = new JsonArray(new JsonObject { ["value"] = "a@b.c", ["type"] = "work", ["primary"] = true });
        user["name"] = new JsonObject { ["givenName"] = "Ana", ["familyName"] = "Lima" };
        var valid = Encoding.UTF8.GetBytes(Scim.Bulk(user, Scim.Worker(Scim.NewId())));
        var bodies = new List<byte[]>();
        for (var cut = 0; cut < valid.Length; cut += Math.Max(1, valid.Length / 60)) bodies.Add(valid[..cut]);
        for (var i = 0; i < 150; i++)
        {
            var damaged = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            bodies.Add(damaged);
        }

        bodies.Add([0xEF, 0xBB, 0xBF, .. valid]);
        bodies.Add(Encoding.UTF8.GetBytes("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[{\"method\":\"POST\",\"bulkId\":\"\\u0000\",\"path\":\"/Users\",\"data\":{\"schemas\":[],\"externalId\":\"\\uD800\"}}]}"));
        bodies.Add(Encoding.UTF8.GetBytes(new string(' ', 10_000)));

        foreach (var body in bodies)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, server.BulkUploadUrl()) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
            using var response = await client.Http.SendAsync(request);
            Assert.True((int)response.StatusCode is 202 or 400, $"{(int)response.StatusCode} for: {Encoding.UTF8.GetString(body)}");
        }

        await server.Inspection.WaitUntilProcessedAsync();
        Assert.DoesNotContain("500", (await server.Inspection.GetCountersAsync()).Statuses.Keys);
    }

    [Fact]
    public async Task Damaged_query_strings_never_get_a_500()
    {
        string[] queries =
        [
            "$filter=", "$filter=%27", "$filter=jobId%20eq%20%27%27%27", "$filter=((((((((((((((((((((((((((((((((((((jobId eq 'x')",
            "$filter=not not not not", "$filter=contains(", "$filter=contains(jobId,", "$filter=activityDateTime ge 9999-99-99T99:99:99Z",
            "$filter=jobId eq 'x' or", "$top=-1", "$top=abc", "$top=", "$orderby=", "$orderby=activityDateTime sideways", "$skiptoken=",
            "$skiptoken=AAAAAAAAAAAAAAAAAAAAAA", "$select=nope", "$filter=" + new string('a', 5000), "$filter=id eq null", "$filter=id gt null",
        ];
        foreach (var path in new[] { "auditLogs/provisioning", "users" })
        {
            foreach (var query in queries)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.GraphBaseUrl}/{path}?{query}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
                using var response = await client.Http.SendAsync(request);
                Assert.True((int)response.StatusCode is 200 or 400 or 403, $"{(int)response.StatusCode} for {path}?{query}");
            }
        }
    }

    [Fact]
    public async Task Damaged_token_requests_never_get_a_500()
    {
        string[] forms =
        [
            "", "grant_type", "grant_type=client_credentials&client_id=%ZZ", "grant_type=client_credentials&client_id=" + server.ClientId + "&client_assertion=abc",
            "grant_type=client_credentials&client_id=" + server.ClientId + "&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=a.b.c&scope=https://graph.microsoft.com/.default",
            "grant_type=client_credentials&client_id=" + server.ClientId + "&client_secret=&scope=%20",
            "grant_type=client_credentials&client_id=" + server.ClientId + "&client_secret=x&scope=/.default",
        ];
        using var http = server.CreateHttpClient();
        foreach (var form in forms)
        {
            using var response = await http.PostAsync(server.TokenEndpoint, new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
            Assert.True((int)response.StatusCode is 400 or 401, $"{(int)response.StatusCode} for {form}");
        }

        using var basic = new HttpRequestMessage(HttpMethod.Post, server.TokenEndpoint)
        {
            Content = new StringContent("grant_type=client_credentials&scope=https://graph.microsoft.com/.default", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.ClientId}:{server.ClientSecret}")));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.SendAsync(basic)).StatusCode);
    }
}
