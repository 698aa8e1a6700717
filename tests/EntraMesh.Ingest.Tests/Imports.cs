using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EntraMesh.Testing;

namespace EntraMesh.Ingest.Tests;

/// <summary>Uploads CSV files and follows import jobs through <c>GET /api/imports/{id}</c>.</summary>
public static class Imports
{
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, string query = "", bool withBom = false, string contentType = "text/csv")
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        if (withBom) bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new(contentType);
        return await client.PostAsync("/api/imports" + query, content);
    }

    public static async Task<JsonElement> UploadAndWaitAsync(HttpClient client, string csv, string query = "", bool withBom = false, Func<JsonElement, bool>? until = null)
    {
        using var response = await UploadAsync(client, csv, query, withBom);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return await WaitAsync(client, response.Headers.Location!.ToString(), until);
    }

    public static Task<JsonElement> WaitAsync(HttpClient client, string location, Func<JsonElement, bool>? until = null, TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(
            () => client.GetFromJsonAsync<JsonElement>(location),
            job => until?.Invoke(job) ?? job.GetProperty("done").GetBoolean(),
            timeout ?? TimeSpan.FromSeconds(30),
            "import to finish");

    public static string Csv(params string[] lines) => string.Join("\r\n", lines) + "\r\n";
}
