using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EntraMesh.Gateway.Tests;

public static class Problems
{
    public static async Task AssertAsync(HttpResponseMessage response, HttpStatusCode status, string? named = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (named is not null) Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
