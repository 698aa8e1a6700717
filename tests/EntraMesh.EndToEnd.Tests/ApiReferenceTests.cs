using System.Text.Json.Nodes;

namespace EntraMesh.EndToEnd.Tests;

/// <summary>The API reference operators browse through the gateway.</summary>
[Collection(MeshCollection.Name)]
public sealed class ApiReferenceTests(MeshFixture mesh)
{
    [Fact]
    public async Task The_gateway_serves_one_API_reference_of_every_service_it_routes_to()
    {
        using var http = new HttpClient { BaseAddress = mesh.Mesh.GatewayUrl };
        // Scalar resolves the sources against the application's base path: openapi/x.json is the gateway's /openapi/x.json.
        var page = await http.GetStringAsync("/api-reference/");
        foreach (var service in new[] { "reconciliation", "ingest", "mapping" })
        {
            Assert.Contains($"\"url\":\"openapi/{service}.json\"", page, StringComparison.Ordinal);
            using var document = await http.GetAsync($"/openapi/{service}.json");
            Assert.Equal(System.Net.HttpStatusCode.OK, document.StatusCode);
        }
    }

    [Theory]
    [InlineData("reconciliation", "/api/reconciliation/summary")]
    [InlineData("ingest", "/api/imports")]
    [InlineData("mapping", "/api/rules/validate")]
    public async Task Each_services_document_lists_the_gateway_as_its_server_so_it_can_be_tried_out_there(string service, string path)
    {
        using var http = new HttpClient { BaseAddress = mesh.Mesh.GatewayUrl };
        var document = JsonNode.Parse(await http.GetStringAsync($"/openapi/{service}.json"))!;

        Assert.NotNull(document["paths"]![path]);
        var server = new Uri((string)document["servers"]![0]!["url"]!);
        Assert.Equal(mesh.Mesh.GatewayUrl.Authority, server.Authority);
    }
}
