using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EntraMesh.Testing;

namespace EntraMesh.Ingest.Tests;

/// <summary>Uploads CSV files and follows import jobs through <c>GET /api/imports/{id}</c>.</summary>
public static class Imports
{
    public static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, string csv, string query = "", bool withBom = false, string contentType = "text/csv", string? idempotencyKey = null)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        if (withBom) bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports" + query) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new(contentType);
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
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
