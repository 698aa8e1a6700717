using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Hosting.Tests;

/// <summary>Answers that only routing or status code pages produce still carry a problem document that says what is wrong.</summary>
public sealed class StatusCodeProblemTests : IAsyncLifetime
{
    WebApplication app = null!;
    HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "EntraMesh.Probe", EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.AddServiceDefaults();
        app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPost("/things", (Thing thing) => TypedResults.Ok(thing)).Accepts<Thing>("application/json");
        app.MapGet("/things/{id:guid}", (Guid id) => TypedResults.Ok(id));
        app.MapGet("/boom", IResult () => throw new InvalidOperationException("secret detail that must not leak"));
        app.MapGet("/invalid", () => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Expected 1 to 100."] }));
        app.MapGet("/explained", () => TypedResults.Problem(detail: "Explained by the endpoint.", statusCode: 409));
        await app.StartAsync();
        client = app.GetTestClient();
    }

    [Theory]
    [InlineData("GET", "/nothing/here", null, 404, "Nothing is found at GET /nothing/here.")]
    [InlineData("GET", "/things/not-a-guid", null, 404, "Nothing is found at GET /things/not-a-guid.")]
    [InlineData("DELETE", "/things", null, 405, "DELETE is not allowed on /things.")]
    [InlineData("POST", "/things", "text/plain", 415, "The content type 'text/plain; charset=utf-8' is not accepted by POST /things.")]
    [InlineData("GET", "/boom", null, 500, "The service failed unexpectedly; the error is logged with this trace id.")]
    [InlineData("GET", "/openapi/other.json", null, 404, "Nothing is found at GET /openapi/other.json.")]
    public async Task A_bare_status_is_a_problem_document_whose_detail_names_the_problem(string method, string path, string? contentType, int status, string detail)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null) request.Content = new StringContent("x", System.Text.Encoding.UTF8, contentType);

        using var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Details_written_by_endpoints_and_validation_errors_are_left_as_they_are()
    {
        var explained = await client.GetAsync("/explained");
        var invalid = await client.GetAsync("/invalid");

        Assert.Equal("Explained by the endpoint.", (await explained.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var validation = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(validation.TryGetProperty("detail", out _));
        Assert.Equal("Expected 1 to 100.", validation.GetProperty("errors").GetProperty("limit")[0].GetString());
    }

    [Fact]
    public async Task The_service_OpenAPI_document_is_still_served()
    {
        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    public sealed record Thing(string Name);
}
